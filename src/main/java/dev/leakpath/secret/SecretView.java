package dev.leakpath.secret;

import java.time.Instant;
import java.util.List;

import dev.leakpath.risk.RiskScore;
import dev.leakpath.target.TargetView;

import org.springframework.lang.Nullable;

/**
 * A distinct credential: where it was seen, and what it can authenticate to. Never its value.
 * {@code openAttackPaths}: how many open attack paths rotating it would close; {@code expiresAt}: when it stops
 * working by itself, where its value says so (a SAS {@code se}, a signed URL's date and lifetime, a JWT
 * {@code exp}), else null; {@code expired}: that time has passed; {@code advice}: what to do with a secret whose
 * target the inventory of its cloud does not hold (a secret without an identified target resource), else null;
 * {@code risk}: that of its worst alert, 0 when none is open.
 */
public record SecretView(long id, String fingerprint, String preview, String secretType, @Nullable TargetView target,
		long alerts, long openAlerts, List<String> providers, List<String> repositories, long openAttackPaths,
		Instant firstSeenAt, @Nullable Instant expiresAt, boolean expired, @Nullable String advice, RiskScore risk) {

	static final String NO_TARGET_ADVICE = "No resource in the inventory of its cloud matches what this secret names: "
			+ "it reaches nothing there, and after a review (is the inventory whole? is it used elsewhere?) it can be "
			+ "removed from the code and revoked safely";

	/** The advice for a secret with this target: only one the inventory of its cloud does not hold gets one. */
	static String advice(TargetView target) {
		return target != null && "false".equals(target.exists()) ? NO_TARGET_ADVICE : null;
	}
}
