package dev.leakpath.alert;

import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.NormalizedAlert;
import dev.leakpath.ingest.NormalizedLocation;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * Idempotent writes of alerts and their locations. Writing the same alert twice changes nothing, and an
 * older version of an alert never overwrites a newer one.
 */
@Component
public class AlertStore {

	private static final String UPSERT = """
			insert into alert (provider, repository_id, provider_alert_id, secret_type, secret_type_display_name,
			                   state, resolution, validity, publicly_leaked, multi_repo, secret_id, alert_url,
			                   api_url, created_at, updated_at, resolved_at)
			values (:provider, :repositoryId, :providerAlertId, :secretType, :secretTypeDisplayName,
			        :state, :resolution, :validity, :publiclyLeaked, :multiRepo, :secretId, :alertUrl,
			        :apiUrl, :createdAt, :updatedAt, :resolvedAt)
			on conflict (repository_id, provider_alert_id) do update set
			    secret_type              = excluded.secret_type
			  , secret_type_display_name = excluded.secret_type_display_name
			  , state                    = excluded.state
			  , resolution               = excluded.resolution
			  , validity                 = excluded.validity
			  , publicly_leaked          = excluded.publicly_leaked
			  , multi_repo               = excluded.multi_repo
			  , secret_id                = coalesce(excluded.secret_id, alert.secret_id)
			  , alert_url                = excluded.alert_url
			  , api_url                  = excluded.api_url
			  , created_at               = excluded.created_at
			  , updated_at               = excluded.updated_at
			  , resolved_at              = excluded.resolved_at
			  , last_changed_at          = now()
			where (alert.updated_at is null or excluded.updated_at is null or excluded.updated_at >= alert.updated_at)
			  and (alert.secret_type, alert.secret_type_display_name, alert.state, alert.resolution, alert.validity,
			       alert.publicly_leaked, alert.multi_repo, alert.secret_id, alert.alert_url, alert.api_url,
			       alert.created_at, alert.updated_at, alert.resolved_at)
			      is distinct from
			      (excluded.secret_type, excluded.secret_type_display_name, excluded.state, excluded.resolution,
			       excluded.validity, excluded.publicly_leaked, excluded.multi_repo,
			       coalesce(excluded.secret_id, alert.secret_id), excluded.alert_url, excluded.api_url,
			       excluded.created_at, excluded.updated_at, excluded.resolved_at)
			returning id
			""";

	private static final String FIND_ID = """
			select id from alert where repository_id = :repositoryId and provider_alert_id = :providerAlertId
			""";

	private static final String UPSERT_LOCATION = """
			insert into alert_location (alert_id, location_key, type, path, start_line, end_line, start_column,
			                            end_column, commit_sha, blob_sha, file_url, commit_url, source_url)
			values (:alertId, :key, :type, :path, :startLine, :endLine, :startColumn,
			        :endColumn, :commitSha, :blobSha, :fileUrl, :commitUrl, :sourceUrl)
			on conflict (alert_id, location_key) do update set
			    end_line   = excluded.end_line
			  , end_column = excluded.end_column
			  , blob_sha   = coalesce(excluded.blob_sha, alert_location.blob_sha)
			  , file_url   = coalesce(excluded.file_url, alert_location.file_url)
			  , commit_url = coalesce(excluded.commit_url, alert_location.commit_url)
			  , source_url = coalesce(excluded.source_url, alert_location.source_url)
			where (alert_location.end_line, alert_location.end_column, alert_location.blob_sha,
			       alert_location.file_url, alert_location.commit_url, alert_location.source_url)
			      is distinct from
			      (excluded.end_line, excluded.end_column, coalesce(excluded.blob_sha, alert_location.blob_sha),
			       coalesce(excluded.file_url, alert_location.file_url),
			       coalesce(excluded.commit_url, alert_location.commit_url),
			       coalesce(excluded.source_url, alert_location.source_url))
			""";

	private final DatabaseClient db;

	AlertStore(DatabaseClient db) {
		this.db = db;
	}

	/** Stores the alert and its locations; returns the alert's id. */
	public Mono<Long> upsert(NormalizedAlert alert, long repositoryId, Long secretId) {
		Mono<Long> changed = db.sql(UPSERT)
			.bind("provider", alert.provider())
			.bind("repositoryId", repositoryId)
			.bind("providerAlertId", alert.providerAlertId())
			.bind("secretType", alert.secretType())
			.bind("secretTypeDisplayName", Parameter.fromOrEmpty(alert.secretTypeDisplayName(), String.class))
			.bind("state", alert.state())
			.bind("resolution", Parameter.fromOrEmpty(alert.resolution(), String.class))
			.bind("validity", Parameter.fromOrEmpty(alert.validity(), String.class))
			.bind("publiclyLeaked", Parameter.fromOrEmpty(alert.publiclyLeaked(), Boolean.class))
			.bind("multiRepo", Parameter.fromOrEmpty(alert.multiRepo(), Boolean.class))
			.bind("secretId", Parameter.fromOrEmpty(secretId, Long.class))
			.bind("alertUrl", Parameter.fromOrEmpty(alert.alertUrl(), String.class))
			.bind("apiUrl", Parameter.fromOrEmpty(alert.apiUrl(), String.class))
			.bind("createdAt", alert.createdAt())
			.bind("updatedAt", Parameter.fromOrEmpty(alert.updatedAt(), Instant.class))
			.bind("resolvedAt", Parameter.fromOrEmpty(alert.resolvedAt(), Instant.class))
			.map(row -> row.get("id", Long.class))
			.one();
		Mono<Long> unchanged = db.sql(FIND_ID)
			.bind("repositoryId", repositoryId)
			.bind("providerAlertId", alert.providerAlertId())
			.map(row -> row.get("id", Long.class))
			.one();
		return changed.switchIfEmpty(unchanged)
			.flatMap(alertId -> Flux.fromIterable(alert.locations())
				.concatMap(location -> upsertLocation(alertId, location))
				.then(Mono.just(alertId)));
	}

	private Mono<Void> upsertLocation(long alertId, NormalizedLocation location) {
		return db.sql(UPSERT_LOCATION)
			.bind("alertId", alertId)
			.bind("key", location.key())
			.bind("type", location.type())
			.bind("path", Parameter.fromOrEmpty(location.path(), String.class))
			.bind("startLine", Parameter.fromOrEmpty(location.startLine(), Integer.class))
			.bind("endLine", Parameter.fromOrEmpty(location.endLine(), Integer.class))
			.bind("startColumn", Parameter.fromOrEmpty(location.startColumn(), Integer.class))
			.bind("endColumn", Parameter.fromOrEmpty(location.endColumn(), Integer.class))
			.bind("commitSha", Parameter.fromOrEmpty(location.commitSha(), String.class))
			.bind("blobSha", Parameter.fromOrEmpty(location.blobSha(), String.class))
			.bind("fileUrl", Parameter.fromOrEmpty(location.fileUrl(), String.class))
			.bind("commitUrl", Parameter.fromOrEmpty(location.commitUrl(), String.class))
			.bind("sourceUrl", Parameter.fromOrEmpty(location.sourceUrl(), String.class))
			.then();
	}

}
