package dev.leakpath.risk;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The one table of risk factors, with their points. Every score leakpath shows (attack paths, alerts,
 * secrets, repositories, recommendations) is the sum of the points of the factors its finding has, within
 * 0–100: the positive points add up to exactly 100, so only an expired secret's deduction can be cut off, at 0.
 * A factor is counted from the finding it belongs to: the alert, its repository, its secret and the one target
 * of the path, never from another finding of the same repository.
 */
public enum RiskFactor {

	EXPOSED_SECRET(10, "open exposed secret"),
	PUBLIC_REPOSITORY(15, "public repository"),
	PUBLICLY_LEAKED(5, "secret publicly leaked"),
	STILL_VALID(15, "secret still valid"),
	IN_INVENTORY(10, "target exists in the inventory"),
	INTERNET_EXPOSED(15, "target exposed to the internet"),
	SENSITIVE_DATA(15, "target holds sensitive data"),
	PRIVILEGED_IDENTITY(5, "secret is a privileged (or not known to be unprivileged) cloud identity's credential"),
	SHARED_SECRET(5, "secret held by more than one repository"),
	PAST_SLA(5, "open past its SLA"),
	EXPIRED(-30, "secret expired");

	private final int points;

	private final String label;

	RiskFactor(int points, String label) {
		this.points = points;
		this.label = label;
	}

	public int points() {
		return points;
	}

	public String label() {
		return label;
	}

	/** The factor's name in the API and in the database: {@code public_repository}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<RiskFactor> byId(String id) {
		return Arrays.stream(values()).filter(factor -> factor.id().equals(id)).findFirst();
	}

}
