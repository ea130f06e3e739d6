package dev.leakpath.asset;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;

import dev.leakpath.sql.SqlConditions;
import dev.leakpath.target.Hosts;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** The {@code asset} table: batched, idempotent upserts keyed by provider id, and reads for the API. */
@Component
class AssetStore {

	private static final String UPSERT = """
			insert into asset (cloud, resource_type, provider_id, name, hosts, region, account_id, tags,
			                   internet_exposed, sensitive_data, owner, ssh_key_fingerprints, source)
			select cloud, resource_type, provider_id, name,
			       coalesce(cast(string_to_array(hosts, ' ') as text[]), '{}'), region, account_id,
			       cast(tags as jsonb), internet_exposed, sensitive_data, owner,
			       coalesce(cast(string_to_array(ssh_keys, ' ') as text[]), '{}'), :source
			from unnest(cast(:cloud as text[]), cast(:resourceType as text[]), cast(:providerId as text[]),
			            cast(:name as text[]), cast(:hosts as text[]), cast(:region as text[]),
			            cast(:accountId as text[]), cast(:tags as text[]), cast(:internetExposed as boolean[]),
			            cast(:sensitiveData as boolean[]), cast(:owner as text[]), cast(:sshKeys as text[]))
			     as input (cloud, resource_type, provider_id, name, hosts, region, account_id, tags,
			               internet_exposed, sensitive_data, owner, ssh_keys)
			order by provider_id
			on conflict (provider_id) do update set
			    cloud = excluded.cloud, resource_type = excluded.resource_type, name = excluded.name
			  , hosts = excluded.hosts, region = excluded.region, account_id = excluded.account_id
			  , tags = excluded.tags, internet_exposed = excluded.internet_exposed
			  , sensitive_data = excluded.sensitive_data, owner = excluded.owner
			  , ssh_key_fingerprints = excluded.ssh_key_fingerprints, source = excluded.source, updated_at = now()
			where (asset.cloud, asset.resource_type, asset.name, asset.hosts, asset.region, asset.account_id,
			       asset.tags, asset.internet_exposed, asset.sensitive_data, asset.owner, asset.ssh_key_fingerprints,
			       asset.source)
			      is distinct from
			      (excluded.cloud, excluded.resource_type, excluded.name, excluded.hosts, excluded.region,
			       excluded.account_id, excluded.tags, excluded.internet_exposed, excluded.sensitive_data,
			       excluded.owner, excluded.ssh_key_fingerprints, excluded.source)
			""";

	private static final String SELECT = """
			select a.id, a.cloud, a.resource_type, a.provider_id, a.name, array_to_string(a.hosts, ' ') as hosts,
			       a.region, a.account_id, cast(a.tags as text) as tags, a.internet_exposed, a.sensitive_data, a.owner,
			       array_to_string(a.ssh_key_fingerprints, ' ') as ssh_keys, a.source, a.updated_at,
			       (select count(*) from secret s where s.target_asset_id = a.id) as exposed_secrets
			from asset a
			""";

	private static final String DELETE_MISSING = """
			delete from asset where source = :source and not (provider_id = any(:providerIds))
			""";

	private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final ObjectMapper mapper;

	AssetStore(DatabaseClient db, ObjectMapper mapper) {
		this.db = db;
		this.mapper = mapper;
	}

	/** Upserts a validated batch; returns the rows inserted or changed. */
	Mono<Long> upsertAll(List<AssetInput> assets, String source) {
		if (assets.isEmpty()) {
			return Mono.just(0L);
		}
		return db.sql(UPSERT)
			.bind("source", source)
			.bind("cloud", texts(assets, AssetInput::cloud))
			.bind("resourceType", texts(assets, AssetInput::resourceType))
			.bind("providerId", texts(assets, AssetInput::providerId))
			.bind("name", texts(assets, AssetInput::name))
			// host names hold no spaces (checked), so one text per row carries the list through unnest
			.bind("hosts", texts(assets, asset -> asset.hosts() == null ? null
					: String.join(" ", asset.hosts().stream().map(Hosts::normalise).toList())))
			.bind("region", texts(assets, AssetInput::region))
			.bind("accountId", texts(assets, AssetInput::accountId))
			.bind("tags", texts(assets, asset -> json(asset.tags() == null ? Map.of() : asset.tags())))
			.bind("internetExposed", assets.stream().map(AssetInput::internetExposed).toArray(Boolean[]::new))
			.bind("sensitiveData", assets.stream().map(AssetInput::sensitiveData).toArray(Boolean[]::new))
			.bind("owner", texts(assets, AssetInput::owner))
			// fingerprints hold no spaces either (checked)
			.bind("sshKeys", texts(assets, asset -> asset.sshKeyFingerprints() == null ? null
					: String.join(" ", asset.sshKeyFingerprints())))
			.fetch()
			.rowsUpdated();
	}

	/** Deletes the assets of a source that are not among {@code providerIds}; returns how many. */
	Mono<Long> deleteMissing(String source, List<String> providerIds) {
		return db.sql(DELETE_MISSING)
			.bind("source", source)
			.bind("providerIds", providerIds.toArray(String[]::new))
			.fetch()
			.rowsUpdated();
	}

	Mono<List<AssetView>> find(String cloud, String resourceType, Long beforeId, int limit) {
		SqlConditions where = SqlConditions.of()
			.equal("a.cloud", "cloud", cloud)
			.when(resourceType, "resourceType", "lower(a.resource_type) = lower(:resourceType)")
			.before("a.id", "beforeId", beforeId);
		return where.bind(db.sql(SELECT + where.where() + "order by a.id desc limit :limit"))
			.bind("limit", limit)
			.map(row -> {
				return new AssetView(row.get("id", Long.class), row.get("cloud", String.class),
						row.get("resource_type", String.class), row.get("provider_id", String.class),
						row.get("name", String.class),
						words(row.get("hosts", String.class)),
						row.get("region", String.class), row.get("account_id", String.class),
						tags(row.get("tags", String.class)), row.get("internet_exposed", Boolean.class),
						row.get("sensitive_data", Boolean.class), row.get("owner", String.class),
						words(row.get("ssh_keys", String.class)), row.get("source", String.class), row.get("exposed_secrets", Long.class),
						row.get("updated_at", Instant.class));
			})
			.all()
			.collectList();
	}

	private static List<String> words(String text) {
		return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
	}

	private String json(Map<String, String> tags) {
		try {
			return mapper.writeValueAsString(tags);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("tags cannot be written as JSON", ex);
		}
	}

	private Map<String, String> tags(String json) {
		try {
			return json == null ? Map.of() : mapper.readValue(json, TAGS);
		}
		catch (JsonProcessingException ex) {
			return Map.of();
		}
	}

	private static String[] texts(List<AssetInput> assets, Function<AssetInput, String> value) {
		return assets.stream().map(value).toArray(String[]::new);
	}

}
