package dev.leakpath.remediation;

import java.util.Arrays;

/** What remediation figures are grouped by, each with its SQL key over {@code alert_risk k} and {@code repository r}. */
public enum RemediationDimension {

	PROVIDER("provider", "k.provider"),

	ORGANIZATION("organization", "r.organization"),

	REPOSITORY("repository", "r.full_name"),

	SECRET_TYPE("secretType", "k.secret_type"),

	/** The level the alert had while open; {@code unscored} when leakpath never saw it open. */
	RISK("risk", "coalesce(k.open_risk_level, 'unscored')");

	private final String parameter;

	private final String key;

	RemediationDimension(String parameter, String key) {
		this.parameter = parameter;
		this.key = key;
	}

	public String parameter() {
		return parameter;
	}

	String key() {
		return key;
	}

	/** Whether the key is the repository's, so the report joins it. */
	boolean readsRepository() {
		return key.startsWith("r.");
	}

	/** The dimension a query parameter names, or null for none of them. */
	public static RemediationDimension of(String parameter) {
		return Arrays.stream(values()).filter(value -> value.parameter.equals(parameter)).findFirst().orElse(null);
	}

}
