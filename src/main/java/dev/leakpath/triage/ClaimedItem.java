package dev.leakpath.triage;

import dev.leakpath.ingest.AlertChange;
import dev.leakpath.ingest.ProviderAlertState;
import dev.leakpath.model.AlertReference;

/**
 * A triage item a worker holds: what to write to which alert, and what leakpath read there.
 *
 * @param attempts this claim's number: an outcome is recorded only while the item is still this claim's
 * @param revoke whether the secret is revoked before the alert is resolved
 * @param revoked whether the provider has already accepted this item's revocation
 */
record ClaimedItem(long id, int attempts, String provider, AlertReference alert, AlertChange change,
		ProviderAlertState read, boolean revoke, boolean revoked) {

	/** Names the alert for logs and errors, never its content. */
	String describe() {
		return provider + " alert " + alert.scope() + "/" + alert.repository() + "#" + alert.alertId();
	}

}
