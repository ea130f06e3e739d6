package dev.leakpath.alert;

import java.time.Instant;
import java.util.List;

/**
 * One location of an alert, with the alert and its repository around it, for exports. An alert without a
 * location is one row with a null {@code location}. The secret is its fingerprint only.
 *
 * @param repositoryUrl the repository's web page, or null
 * @param defaultBranch the repository's default branch, where the provider said
 * @param riskScore the alert's score as the API shows it (0 until a recompute has scored it)
 * @param riskLevel the level of that score
 * @param owners its repository's owners, in their order
 * @param openAttackPaths the open attack paths the alert is evidence for: those of its repository and secret
 */
public record AlertExportRow(long alertId, String provider, String organization, long repositoryId,
		String repository, String repositoryUrl, String defaultBranch, String providerAlertId, String secretType,
		String secretTypeDisplayName, String state, String validity, Instant createdAt, Instant resolvedAt,
		String alertUrl, String fingerprint, String targetResourceType, String targetName, String targetExists,
		int riskScore, String riskLevel, List<String> owners, long openAttackPaths, AlertView.Location location) {
}
