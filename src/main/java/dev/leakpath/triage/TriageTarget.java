package dev.leakpath.triage;

import dev.leakpath.ingest.ProviderAlertState;

/**
 * An alert a triage names, as leakpath last read it.
 *
 * @param state the neutral state ({@code open}, {@code resolved})
 * @param keptAssignee the assignee leakpath keeps for a provider without assignees, or null
 * @param providerSecretType the provider's slug of the secret's type
 * @param read the provider's own words, as the provider's alert must still have them when the triage is written
 */
record TriageTarget(long alertId, String provider, String organization, String state, String resolution,
		String keptAssignee, String providerSecretType, ProviderAlertState read) {

	/** The assignee as leakpath shows it: the provider's, or the one leakpath keeps. */
	String assignee() {
		return read.assignee() != null ? read.assignee() : keptAssignee;
	}

}
