package dev.leakpath.ticket;

/**
 * An alert whose state changed (or that was stored open), with what rules look at and what ticket keys are made
 * of.
 *
 * @param fingerprint the secret's keyed fingerprint, null for an alert without a secret; never the secret
 * @param riskLevel the alert's risk level now ({@code low} when not scored)
 */
record ChangedAlert(long alertId, boolean open, String provider, String organization, String repository,
		long repositoryId, String providerAlertId, String secretType, String fingerprint, String riskLevel) {
}
