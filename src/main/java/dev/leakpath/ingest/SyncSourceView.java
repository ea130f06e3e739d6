package dev.leakpath.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.lang.Nullable;

/**
 * A polled listing of a scope (see {@link SourceConnector#listings()}) for {@code GET /api/v1/sync}; counts are
 * those of its latest pass.
 */
public record SyncSourceView(String provider, String scope, String listing, String state, @Nullable UUID lastRunId,
		@Nullable Instant lastStartedAt, @Nullable Instant lastFinishedAt, @Nullable Instant lastSuccessAt,
		@Nullable String lastOutcome, @Nullable String lastError, @Nullable Instant watermark,
		boolean fullPassCompleted, boolean resumePending, long pages, long alertsSeen, long errors,
		@Nullable Integer rateLimitRemaining, @Nullable Instant rateLimitResetAt, List<RecentError> recentErrors) {

	public record RecentError(@Nullable String providerAlertId, String message, Instant occurredAt) {
	}

}
