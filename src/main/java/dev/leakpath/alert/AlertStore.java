package dev.leakpath.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.model.NormalizedLocation;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * Idempotent writes of alerts and their locations, a batch per statement. Writing the same alert twice
 * changes nothing, and an older version of an alert never overwrites a newer one.
 */
@Component
public class AlertStore {

	private static final String UPSERT = """
			insert into alert (provider, repository_id, provider_alert_id, secret_type, provider_secret_type, rule_id,
			                   secret_type_display_name, state, provider_state, resolution, provider_resolution,
			                   validity, validity_checked_at, publicly_leaked, multi_repo, secret_id, alert_url,
			                   api_url, created_at, updated_at, resolved_at, details)
			select provider, repository_id, provider_alert_id, secret_type, provider_secret_type, rule_id,
			       secret_type_display_name, state, provider_state, resolution, provider_resolution, validity,
			       validity_checked_at, publicly_leaked, multi_repo, secret_id, alert_url, api_url, created_at,
			       updated_at, resolved_at, cast(details as jsonb)
			from unnest(cast(:provider as text[]), cast(:repositoryId as bigint[]), cast(:providerAlertId as text[]),
			            cast(:secretType as text[]), cast(:providerSecretType as text[]), cast(:ruleId as text[]),
			            cast(:secretTypeDisplayName as text[]), cast(:state as text[]), cast(:providerState as text[]),
			            cast(:resolution as text[]), cast(:providerResolution as text[]), cast(:validity as text[]),
			            cast(:validityCheckedAt as timestamptz[]), cast(:publiclyLeaked as boolean[]),
			            cast(:multiRepo as boolean[]), cast(:secretId as bigint[]), cast(:alertUrl as text[]),
			            cast(:apiUrl as text[]), cast(:createdAt as timestamptz[]), cast(:updatedAt as timestamptz[]),
			            cast(:resolvedAt as timestamptz[]), cast(:details as text[]))
			     as input (provider, repository_id, provider_alert_id, secret_type, provider_secret_type, rule_id,
			               secret_type_display_name, state, provider_state, resolution, provider_resolution, validity,
			               validity_checked_at, publicly_leaked, multi_repo, secret_id, alert_url, api_url, created_at,
			               updated_at, resolved_at, details)
			on conflict (repository_id, provider_alert_id) do update set
			    secret_type              = excluded.secret_type
			  , provider_secret_type     = excluded.provider_secret_type
			  , rule_id                  = excluded.rule_id
			  , secret_type_display_name = excluded.secret_type_display_name
			  , state                    = excluded.state
			  , provider_state           = excluded.provider_state
			  , resolution               = excluded.resolution
			  , provider_resolution      = excluded.provider_resolution
			  , validity                 = excluded.validity
			  , validity_checked_at      = excluded.validity_checked_at
			  , publicly_leaked          = excluded.publicly_leaked
			  , multi_repo               = excluded.multi_repo
			  , secret_id                = coalesce(excluded.secret_id, alert.secret_id)
			  , alert_url                = excluded.alert_url
			  , api_url                  = excluded.api_url
			  , created_at               = excluded.created_at
			  , updated_at               = excluded.updated_at
			  , resolved_at              = excluded.resolved_at
			  , details                  = excluded.details
			  , last_changed_at          = now()
			where (alert.updated_at is null or excluded.updated_at is null or excluded.updated_at >= alert.updated_at)
			  and (alert.secret_type, alert.provider_secret_type, alert.rule_id, alert.secret_type_display_name,
			       alert.state, alert.provider_state, alert.resolution, alert.provider_resolution, alert.validity,
			       alert.validity_checked_at, alert.publicly_leaked, alert.multi_repo, alert.secret_id, alert.alert_url,
			       alert.api_url, alert.created_at, alert.updated_at, alert.resolved_at, alert.details)
			      is distinct from
			      (excluded.secret_type, excluded.provider_secret_type, excluded.rule_id,
			       excluded.secret_type_display_name, excluded.state, excluded.provider_state, excluded.resolution,
			       excluded.provider_resolution, excluded.validity, excluded.validity_checked_at,
			       excluded.publicly_leaked, excluded.multi_repo, coalesce(excluded.secret_id, alert.secret_id),
			       excluded.alert_url, excluded.api_url, excluded.created_at, excluded.updated_at,
			       excluded.resolved_at, excluded.details)
			""";

	private static final String IDS = """
			select a.id, a.repository_id, a.provider_alert_id
			from alert a
			join unnest(cast(:repositoryId as bigint[]), cast(:providerAlertId as text[])) as k (repository_id, provider_alert_id)
			  on a.repository_id = k.repository_id and a.provider_alert_id = k.provider_alert_id
			""";

	/** Of the given alerts, those stored without a secret (one given with none keeps the secret it had). */
	private static final String SECRETLESS_IDS = """
			select a.id
			from alert a
			join unnest(cast(:repositoryId as bigint[]), cast(:providerAlertId as text[])) as k (repository_id, provider_alert_id)
			  on a.repository_id = k.repository_id and a.provider_alert_id = k.provider_alert_id
			where a.secret_id is null
			""";

	private static final String UPSERT_LOCATIONS = """
			insert into alert_location (alert_id, location_key, type, path, start_line, end_line, start_column,
			                            end_column, commit_sha, blob_sha, file_url, commit_url, source_url)
			select * from unnest(cast(:alertId as bigint[]), cast(:key as text[]), cast(:type as text[]),
			                     cast(:path as text[]), cast(:startLine as integer[]), cast(:endLine as integer[]),
			                     cast(:startColumn as integer[]), cast(:endColumn as integer[]),
			                     cast(:commitSha as text[]), cast(:blobSha as text[]), cast(:fileUrl as text[]),
			                     cast(:commitUrl as text[]), cast(:sourceUrl as text[]))
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

	private static final String RETYPE = """
			update alert set secret_type = :id
			where provider = :provider and provider_secret_type = :providerType and secret_type <> :id
			  and rule_id is not distinct from :ruleId
			""";

	private final DatabaseClient db;

	private final AlertDetailsJson details;

	AlertStore(DatabaseClient db, AlertDetailsJson details) {
		this.db = db;
		this.details = details;
	}

	/** The ids of those of these alerts that are stored without a secret. */
	public Mono<List<Long>> secretlessIds(List<AlertRow> rows) {
		List<AlertRow> withoutSecret = rows.stream().filter(row -> row.secretId() == null).toList();
		if (withoutSecret.isEmpty()) {
			return Mono.just(List.of());
		}
		return db.sql(SECRETLESS_IDS)
			.bind("repositoryId", withoutSecret.stream().map(AlertRow::repositoryId).toArray(Long[]::new))
			.bind("providerAlertId", texts(withoutSecret, row -> row.alert().providerAlertId()))
			.map(row -> row.get("id", Long.class))
			.all()
			.collectList();
	}

	/** Stores the alerts and their locations. An alert given twice is stored once, as its newest version. */
	public Mono<Void> upsertAll(List<AlertRow> rows) {
		Map<String, AlertRow> distinct = new LinkedHashMap<>();
		rows.forEach(row -> distinct.merge(row.key(), row, AlertStore::newer));
		if (distinct.isEmpty()) {
			return Mono.empty();
		}
		List<AlertRow> alerts = List.copyOf(distinct.values());
		Long[] repositoryIds = alerts.stream().map(AlertRow::repositoryId).toArray(Long[]::new);
		String[] providerAlertIds = texts(alerts, row -> row.alert().providerAlertId());
		Mono<Void> upsert = db.sql(UPSERT)
			.bind("provider", texts(alerts, row -> row.alert().provider()))
			.bind("repositoryId", repositoryIds)
			.bind("providerAlertId", providerAlertIds)
			.bind("secretType", texts(alerts, AlertRow::typeId))
			.bind("providerSecretType", texts(alerts, row -> providerType(row.alert())))
			.bind("ruleId", texts(alerts, row -> row.alert().ruleId()))
			.bind("secretTypeDisplayName", texts(alerts, row -> row.alert().secretTypeDisplayName()))
			.bind("state", texts(alerts, row -> row.alert().state()))
			.bind("providerState", texts(alerts, row -> row.alert().providerState()))
			.bind("resolution", texts(alerts, row -> row.alert().resolution()))
			.bind("providerResolution", texts(alerts, row -> row.alert().providerResolution()))
			.bind("validity", texts(alerts, row -> row.alert().validity()))
			.bind("validityCheckedAt", texts(alerts, row -> timestamp(row.alert().validityCheckedAt())))
			.bind("publiclyLeaked", alerts.stream().map(row -> row.alert().publiclyLeaked()).toArray(Boolean[]::new))
			.bind("multiRepo", alerts.stream().map(row -> row.alert().multiRepo()).toArray(Boolean[]::new))
			.bind("secretId", alerts.stream().map(AlertRow::secretId).toArray(Long[]::new))
			.bind("alertUrl", texts(alerts, row -> row.alert().alertUrl()))
			.bind("apiUrl", texts(alerts, row -> row.alert().apiUrl()))
			.bind("createdAt", texts(alerts, row -> timestamp(row.alert().createdAt())))
			.bind("updatedAt", texts(alerts, row -> timestamp(row.alert().updatedAt())))
			.bind("resolvedAt", texts(alerts, row -> timestamp(row.alert().resolvedAt())))
			.bind("details", texts(alerts, row -> details.write(row.alert().details())))
			.then();
		Mono<Map<String, Long>> ids = db.sql(IDS)
			.bind("repositoryId", repositoryIds)
			.bind("providerAlertId", providerAlertIds)
			.map(row -> Map.entry(AlertRow.key(row.get("repository_id", Long.class),
					row.get("provider_alert_id", String.class)), row.get("id", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
		return upsert.then(ids).flatMap(idsByKey -> upsertLocations(alerts, idsByKey));
	}

	/** Gives the alerts of one provider type the catalogue id it now maps to; how many changed. */
	public Mono<Long> retype(String provider, String providerType, String ruleId, String id) {
		return db.sql(RETYPE)
			.bind("id", id)
			.bind("provider", provider)
			.bind("providerType", providerType)
			.bind("ruleId", Parameter.fromOrEmpty(ruleId, String.class))
			.fetch()
			.rowsUpdated();
	}

	private Mono<Void> upsertLocations(List<AlertRow> alerts, Map<String, Long> idsByKey) {
		Map<String, Located> distinct = new LinkedHashMap<>();
		for (AlertRow row : alerts) {
			long alertId = idsByKey.get(row.key());
			for (NormalizedLocation location : row.alert().locations()) {
				distinct.putIfAbsent(alertId + "|" + location.key(), new Located(alertId, location));
			}
		}
		if (distinct.isEmpty()) {
			return Mono.empty();
		}
		List<Located> rows = new ArrayList<>(distinct.values());
		return db.sql(UPSERT_LOCATIONS)
			.bind("alertId", rows.stream().map(Located::alertId).toArray(Long[]::new))
			.bind("key", locationTexts(rows, NormalizedLocation::key))
			.bind("type", locationTexts(rows, NormalizedLocation::type))
			.bind("path", locationTexts(rows, NormalizedLocation::path))
			.bind("startLine", locationIntegers(rows, NormalizedLocation::startLine))
			.bind("endLine", locationIntegers(rows, NormalizedLocation::endLine))
			.bind("startColumn", locationIntegers(rows, NormalizedLocation::startColumn))
			.bind("endColumn", locationIntegers(rows, NormalizedLocation::endColumn))
			.bind("commitSha", locationTexts(rows, NormalizedLocation::commitSha))
			.bind("blobSha", locationTexts(rows, NormalizedLocation::blobSha))
			.bind("fileUrl", locationTexts(rows, NormalizedLocation::fileUrl))
			.bind("commitUrl", locationTexts(rows, NormalizedLocation::commitUrl))
			.bind("sourceUrl", locationTexts(rows, NormalizedLocation::sourceUrl))
			.then();
	}

	private static String providerType(NormalizedAlert alert) {
		return alert.secretType() == null ? "unknown" : alert.secretType();
	}

	private static AlertRow newer(AlertRow known, AlertRow other) {
		Instant knownAt = known.alert().changedAt();
		Instant otherAt = other.alert().changedAt();
		return otherAt != null && (knownAt == null || otherAt.isAfter(knownAt)) ? other : known;
	}

	private static String timestamp(Instant instant) {
		return instant == null ? null : instant.toString();
	}

	private static String[] texts(List<AlertRow> rows, Function<AlertRow, String> value) {
		return rows.stream().map(value).toArray(String[]::new);
	}

	private static String[] locationTexts(List<Located> rows, Function<NormalizedLocation, String> value) {
		return rows.stream().map(row -> value.apply(row.location())).toArray(String[]::new);
	}

	private static Integer[] locationIntegers(List<Located> rows, Function<NormalizedLocation, Integer> value) {
		return rows.stream().map(row -> value.apply(row.location())).toArray(Integer[]::new);
	}

	/**
	 * An alert ready to store: its type classified by the catalogue (for its secret too, so once), its repository
	 * and secret with their ids.
	 *
	 * @param typeId the catalogue id of the alert's type (the alert's {@code secretType} is the provider's word)
	 */
	public record AlertRow(NormalizedAlert alert, String typeId, long repositoryId, Long secretId) {

		String key() {
			return key(repositoryId, alert.providerAlertId());
		}

		static String key(long repositoryId, String providerAlertId) {
			return repositoryId + "|" + providerAlertId;
		}

	}

	private record Located(long alertId, NormalizedLocation location) {
	}

}
