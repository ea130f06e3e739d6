package dev.leakpath.secret;

import java.time.Instant;
import java.util.List;

import dev.leakpath.target.TargetView;

/**
 * A distinct credential: where it was seen, and what it can authenticate to. Never its value.
 * {@code openAttackPaths}: how many open attack paths rotating it would close; {@code expiresAt}: when it stops
 * working by itself, where its value says so (a SAS {@code se}, a signed URL's date and lifetime, a JWT
 * {@code exp}), else null; {@code expired}: that time has passed.
 */
public record SecretView(long id, String fingerprint, String preview, String secretType, TargetView target,
		long alerts, long openAlerts, List<String> providers, List<String> repositories, long openAttackPaths,
		Instant firstSeenAt, Instant expiresAt, boolean expired) {
}
