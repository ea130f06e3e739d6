package dev.leakpath.triage;

import java.time.Duration;
import java.util.Locale;

import dev.leakpath.ingest.ProviderAlertState;

/**
 * How one attempt at a triage item ended.
 *
 * @param answer the provider's alert: after the write when applied, as it was instead on a conflict
 * @param note what a person should know (nothing was written, why it conflicts)
 * @param error why it failed, or why it is tried again
 * @param retryIn when it is tried again
 */
record TriageOutcome(Status status, ProviderAlertState answer, String note, String error, Duration retryIn) {

	enum Status {

		APPLIED, CONFLICT, FAILED, RETRY;

		String word() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	static TriageOutcome applied(ProviderAlertState answer, String note) {
		return new TriageOutcome(Status.APPLIED, answer, note, null, null);
	}

	static TriageOutcome conflict(ProviderAlertState current, String note) {
		return new TriageOutcome(Status.CONFLICT, current, note, null, null);
	}

	static TriageOutcome failed(String error) {
		return new TriageOutcome(Status.FAILED, null, null, error, null);
	}

	static TriageOutcome retry(String error, Duration retryIn) {
		return new TriageOutcome(Status.RETRY, null, null, error, retryIn);
	}

}
