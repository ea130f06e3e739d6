package dev.leakpath.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/** The {@code sync_source} (one row per provider, scope and listing), {@code sync_run} and {@code sync_error} tables. */
@Component
class SyncSourceStore {

	private static final String BEGIN = """
			insert into sync_source (provider, scope, listing, state, last_run_id, last_started_at)
			values (:provider, :scope, :listing, 'running', :runId, now())
			on conflict (provider, scope, listing) do update set
			    state = 'running', last_run_id = :runId, last_started_at = now(), pages = 0, alerts_seen = 0, errors = 0
			returning id, watermark, etag, resume_point, pending_watermark
			""";

	private static final String RECORD_PAGE = """
			update sync_source set
			    pages = pages + 1
			  , alerts_seen = alerts_seen + :alerts
			  , errors = errors + :errors
			  , resume_point = :resumePoint
			  , pending_watermark = :pendingWatermark
			  , rate_limit_remaining = coalesce(:rateLimitRemaining, rate_limit_remaining)
			  , rate_limit_reset_at = coalesce(:rateLimitResetAt, rate_limit_reset_at)
			where id = :id
			""";

	private static final String COMPLETE = """
			update sync_source set
			    state = 'idle'
			  , watermark = coalesce(:watermark, watermark)
			  , etag = :etag
			  , resume_point = null
			  , pending_watermark = null
			  , full_pass_completed = true
			  , last_finished_at = now()
			  , last_success_at = now()
			  , last_outcome = :outcome
			  , last_error = null
			where id = :id
			""";

	private static final String NOT_MODIFIED = """
			update sync_source set
			    state = 'idle'
			  , last_finished_at = now()
			  , last_success_at = now()
			  , last_outcome = 'not_modified'
			  , last_error = null
			  , rate_limit_remaining = coalesce(:rateLimitRemaining, rate_limit_remaining)
			  , rate_limit_reset_at = coalesce(:rateLimitResetAt, rate_limit_reset_at)
			where id = :id
			""";

	private static final String FAIL = """
			update sync_source set state = 'idle', last_finished_at = now(), last_outcome = 'failed', last_error = :error
			where id = :id
			""";

	private static final String LAST_STARTS = """
			select provider, scope, listing, last_started_at,
			       (last_outcome is null or last_outcome in ('failed', 'interrupted') or resume_point is not null
			        or pass_requested_at >= last_started_at) as unfinished
			from sync_source
			""";

	private static final String REQUEST_PASS = """
			update sync_source set pass_requested_at = now() where provider = :provider and scope = :scope
			""";

	private static final String INSERT_ERROR = """
			insert into sync_error (run_id, source_id, provider_alert_id, message)
			values (:runId, :sourceId, :providerAlertId, :message)
			""";

	private final DatabaseClient db;

	SyncSourceStore(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * When each listing's last pass started, by {@link #key}; listings whose last pass did not complete are
	 * absent.
	 */
	Mono<Map<String, Instant>> lastCompletedStarts() {
		return db.sql(LAST_STARTS)
			.map(row -> Boolean.TRUE.equals(row.get("unfinished", Boolean.class)) || row.get("last_started_at", Instant.class) == null
					? Optional.<Map.Entry<String, Instant>>empty()
					: Optional.of(Map.entry(key(row.get("provider", String.class), row.get("scope", String.class),
							row.get("listing", String.class)), row.get("last_started_at", Instant.class))))
			.all()
			.filter(Optional::isPresent)
			.map(Optional::get)
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** Makes every listing of a scope due at the next tick; how many listings were known. */
	Mono<Long> requestPass(String provider, String scope) {
		return db.sql(REQUEST_PASS).bind("provider", provider).bind("scope", scope).fetch().rowsUpdated();
	}

	static String key(String provider, String scope, String listing) {
		return provider + "\n" + scope + "\n" + listing;
	}

	Mono<SyncSourceState> begin(String provider, String scope, String listing, UUID runId) {
		return db.sql(BEGIN)
			.bind("provider", provider)
			.bind("scope", scope)
			.bind("listing", listing)
			.bind("runId", runId)
			.map(row -> new SyncSourceState(row.get("id", Long.class),
					new SyncCursor(row.get("watermark", Instant.class), row.get("etag", String.class),
							row.get("resume_point", String.class)),
					row.get("pending_watermark", Instant.class)))
			.one();
	}

	Mono<Void> recordPage(long id, SourcePage page, Instant pendingWatermark) {
		return db.sql(RECORD_PAGE)
			.bind("id", id)
			.bind("alerts", page.alerts().size())
			.bind("errors", page.errors().size())
			.bind("resumePoint", Parameter.fromOrEmpty(page.resumePoint(), String.class))
			.bind("pendingWatermark", Parameter.fromOrEmpty(pendingWatermark, Instant.class))
			.bind("rateLimitRemaining", Parameter.fromOrEmpty(page.rateLimit().remaining(), Integer.class))
			.bind("rateLimitResetAt", Parameter.fromOrEmpty(page.rateLimit().resetAt(), Instant.class))
			.then();
	}

	Mono<Void> recordErrors(UUID runId, long sourceId, List<SourceError> errors) {
		return Flux.fromIterable(errors)
			.concatMap(error -> db.sql(INSERT_ERROR)
				.bind("runId", runId)
				.bind("sourceId", sourceId)
				.bind("providerAlertId", Parameter.fromOrEmpty(error.providerAlertId(), String.class))
				.bind("message", error.message())
				.then())
			.then();
	}

	Mono<Void> complete(long id, Instant watermark, String etag, String outcome) {
		return db.sql(COMPLETE)
			.bind("id", id)
			.bind("watermark", Parameter.fromOrEmpty(watermark, Instant.class))
			.bind("etag", Parameter.fromOrEmpty(etag, String.class))
			.bind("outcome", outcome)
			.then();
	}

	Mono<Void> notModified(long id, SourcePage page) {
		return db.sql(NOT_MODIFIED)
			.bind("id", id)
			.bind("rateLimitRemaining", Parameter.fromOrEmpty(page.rateLimit().remaining(), Integer.class))
			.bind("rateLimitResetAt", Parameter.fromOrEmpty(page.rateLimit().resetAt(), Instant.class))
			.then();
	}

	Mono<Void> fail(long id, String error) {
		return db.sql(FAIL).bind("id", id).bind("error", error).then();
	}

}
