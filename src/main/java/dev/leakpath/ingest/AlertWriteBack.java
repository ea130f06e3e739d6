package dev.leakpath.ingest;

import reactor.core.publisher.Mono;

import dev.leakpath.model.AlertReference;

/**
 * Writes triage to one provider's alerts. Like a connector it talks to its provider only. Errors come out as
 * {@link RetryableSourceException} (5xx, connection errors, timeouts, and rate limits longer than the connector
 * waits) or {@link PermanentSourceException} (refused: 4xx); a rate limit the connector's retry waits for is
 * waited for inside.
 */
public interface AlertWriteBack {

	/** Whether the provider keeps an assignee; for one that does not, leakpath keeps its own. */
	boolean keepsAssignees();

	/** The alert's triage fields at the provider now; empty when the provider no longer has the alert. */
	Mono<ProviderAlertState> read(AlertReference alert);

	/** Whether the provider's alert already is as the change asks, so that writing it would change nothing. */
	boolean reached(ProviderAlertState state, AlertChange change);

	/**
	 * Writes the change; emits the alert as the provider answers it. A write whose answer was lost (a 5xx, a
	 * dropped connection) is not sent again here: the caller reads the alert first next time, since GitHub refuses
	 * a resolution that does not change.
	 */
	Mono<ProviderAlertState> write(AlertReference alert, AlertChange change);

}
