package dev.leakpath.alert;

import java.time.Instant;

/**
 * One location of an alert, with the alert around it, for exports. An alert without a location is one row with
 * a null {@code location}. The secret is its fingerprint only.
 */
public record AlertExportRow(long alertId, String provider, String organization, String repository,
		String providerAlertId, String secretType, String secretTypeDisplayName, String state, String validity,
		Instant createdAt, Instant resolvedAt, String alertUrl, String fingerprint, String targetResourceType,
		String targetName, String targetExists, AlertView.Location location) {
}
