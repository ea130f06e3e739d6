package dev.leakpath.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A polled listing of a scope (see {@link SourceConnector#listings()}) for {@code GET /api/v1/sync}; counts are
 * those of its latest pass.
 */
public record SyncSourceView(String provider, String scope, String listing, String state, UUID lastRunId, Instant lastStartedAt,
		Instant lastFinishedAt, Instant lastSuccessAt, String lastOutcome, String lastError, Instant watermark,
		boolean fullPassCompleted, boolean resumePending, long pages, long alertsSeen, long errors,
		Integer rateLimitRemaining, Instant rateLimitResetAt, List<RecentError> recentErrors) {

	public record RecentError(String providerAlertId, String message, Instant occurredAt) {
	}

}
