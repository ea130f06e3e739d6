package dev.leakpath.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Reads the state of every polled listing of every scope, with the errors of its latest run. */
@Component
public class SyncStatusQueries {

	private static final int RECENT_ERRORS = 20;

	private static final String SOURCES = """
			select id, provider, scope, listing, state, last_run_id, last_started_at, last_finished_at, last_success_at,
			       last_outcome, last_error, watermark, full_pass_completed, resume_point is not null as resume_pending,
			       pages, alerts_seen, errors, rate_limit_remaining, rate_limit_reset_at
			from sync_source order by provider, scope, listing <> 'default', listing
			""";

	private static final String ERRORS = """
			select provider_alert_id, message, occurred_at from sync_error
			where source_id = :sourceId and run_id = :runId order by id desc limit :limit
			""";

	private final DatabaseClient db;

	SyncStatusQueries(DatabaseClient db) {
		this.db = db;
	}

	public Mono<List<SyncSourceView>> sources() {
		return db.sql(SOURCES).map(row -> new SourceRow(row.get("id", Long.class), new SyncSourceView(row.get("provider", String.class), row.get("scope", String.class),
						row.get("listing", String.class), row.get("state", String.class), row.get("last_run_id", UUID.class),
						row.get("last_started_at", Instant.class), row.get("last_finished_at", Instant.class),
						row.get("last_success_at", Instant.class), row.get("last_outcome", String.class),
						row.get("last_error", String.class), row.get("watermark", Instant.class),
						row.get("full_pass_completed", Boolean.class), row.get("resume_pending", Boolean.class),
						row.get("pages", Long.class), row.get("alerts_seen", Long.class), row.get("errors", Long.class),
						row.get("rate_limit_remaining", Integer.class), row.get("rate_limit_reset_at", Instant.class),
						List.of())))
			.all()
			.concatMap(source -> withErrors(source.id(), source.view()))
			.collectList();
	}

	private Mono<SyncSourceView> withErrors(long sourceId, SyncSourceView source) {
		if (source.lastRunId() == null || source.errors() == 0) {
			return Mono.just(source);
		}
		Flux<SyncSourceView.RecentError> errors = db.sql(ERRORS)
			.bind("sourceId", sourceId)
			.bind("runId", source.lastRunId())
			.bind("limit", RECENT_ERRORS)
			.map(row -> new SyncSourceView.RecentError(row.get("provider_alert_id", String.class),
					row.get("message", String.class), row.get("occurred_at", Instant.class)))
			.all();
		return errors.collectList()
			.map(recent -> new SyncSourceView(source.provider(), source.scope(), source.listing(), source.state(),
					source.lastRunId(), source.lastStartedAt(), source.lastFinishedAt(), source.lastSuccessAt(), source.lastOutcome(),
					source.lastError(), source.watermark(), source.fullPassCompleted(), source.resumePending(),
					source.pages(), source.alertsSeen(), source.errors(), source.rateLimitRemaining(),
					source.rateLimitResetAt(), recent));
	}

	private record SourceRow(long id, SyncSourceView view) {
	}

}
