package dev.leakpath.identity;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Writes what a scope's evaluation changed ({@link IdentityChanges}) into the identity layer (V202612130000), with
 * the same statements for every cloud: the scope's identities no longer there go (with their credentials and
 * access, by cascade), the changed ones are upserted by (cloud, provider id) so that their graph node ids stay, then
 * the credentials and access rows that went or changed. Every row is written in batches; nothing is read back.
 */
@Component
public class IdentityLayerWriter {

	private static final String DELETE_GONE = """
			delete from identity where source = :source and not (provider_id = any(cast(:providerId as text[])))""";

	private static final String UPSERT_IDENTITIES = """
			insert into identity (cloud, kind, provider_id, scope_id, name, privileged, policy_known, source)
			select :cloud, :kind, provider_id, scope_id, name, privileged, policy_known, :source
			from unnest(cast(:providerId as text[]), cast(:scopeId as text[]), cast(:name as text[]),
			            cast(:privileged as boolean[]), cast(:policyKnown as boolean[]))
			     as input (provider_id, scope_id, name, privileged, policy_known)
			on conflict (cloud, provider_id) do update set
			    scope_id = excluded.scope_id, name = excluded.name, privileged = excluded.privileged
			  , policy_known = excluded.policy_known, source = excluded.source, updated_at = now()
			""";

	private static final String DELETE_CREDENTIALS = """
			delete from identity_credential
			where cloud = :cloud and credential_fingerprint = any(cast(:fingerprint as text[]))""";

	private static final String UPSERT_CREDENTIALS = """
			insert into identity_credential (cloud, credential_fingerprint, identity_id, status)
			select :cloud, input.fingerprint, i.id, input.status
			from unnest(cast(:fingerprint as text[]), cast(:providerId as text[]), cast(:status as text[]))
			     as input (fingerprint, provider_id, status)
			join identity i on i.cloud = :cloud and i.provider_id = input.provider_id
			on conflict (cloud, credential_fingerprint) do update set identity_id = excluded.identity_id
			  , status = excluded.status
			""";

	private static final String DELETE_ACCESS = """
			delete from identity_access a
			using identity i, unnest(cast(:providerId as text[]), cast(:assetId as bigint[])) as gone (provider_id, asset_id)
			where i.cloud = :cloud and i.provider_id = gone.provider_id and a.identity_id = i.id
			  and a.asset_id = gone.asset_id
			""";

	private static final String UPSERT_ACCESS = """
			insert into identity_access (identity_id, asset_id, access_level, assumed, reason)
			select i.id, input.asset_id, input.access_level, input.assumed, input.reason
			from unnest(cast(:providerId as text[]), cast(:assetId as bigint[]), cast(:level as text[]),
			            cast(:assumed as boolean[]), cast(:reason as text[]))
			     as input (provider_id, asset_id, access_level, assumed, reason)
			join identity i on i.cloud = :cloud and i.provider_id = input.provider_id
			on conflict (identity_id, asset_id) do update set access_level = excluded.access_level
			  , assumed = excluded.assumed, reason = excluded.reason
			""";

	/** The leaked credentials of those fingerprints: whose paths a change of their identities may change. */
	private static final String SECRETS = """
			select s.id
			from secret s
			where s.target_kind = 'cloud_identity' and s.target_cloud = :cloud
			  and s.target_key_fingerprint = any(cast(:fingerprint as text[]))
			""";

	private final DatabaseClient db;

	IdentityLayerWriter(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The writer's scope: its identities' {@code cloud} and {@code kind}, and its {@code source}, which it replaces.
	 */
	public record Scope(String cloud, String kind, String source) {
	}

	/** An identity as the layer stores it: an AWS user by ARN, a GCP service account by email. */
	public record IdentityRow(String providerId, String scopeId, String name, boolean privileged, boolean policyKnown) {
	}

	/** One identity's access to one asset. */
	public record AccessRow(String providerId, long assetId, String level, boolean assumed, String reason) {
	}

	/**
	 * @param current the provider ids of every identity the scope has now: the others of its source go
	 * @param identities the identities to upsert; credentials and access likewise, the {@code …Gone} ones to delete
	 */
	public record Rows(List<String> current, List<IdentityRow> identities, List<String> credentialsGone,
			List<IdentityChanges.Credential> credentials, List<AccessRow> accessGone, List<AccessRow> access) {
	}

	/** The secrets that are credentials of the cloud with these fingerprints ({@link IdentityChanges#fingerprints}). */
	public Mono<Set<Long>> secretsOf(String cloud, Collection<String> fingerprints) {
		if (fingerprints.isEmpty()) {
			return Mono.just(Set.of());
		}
		return db.sql(SECRETS).bind("cloud", cloud).bind("fingerprint", fingerprints.toArray(String[]::new))
			.map(row -> row.get("id", Long.class))
			.all()
			.collect(Collectors.toCollection(HashSet::new));
	}

	/** In the caller's transaction. */
	public Mono<Void> write(Scope scope, Rows rows) {
		Mono<Long> gone = db.sql(DELETE_GONE).bind("source", scope.source())
			.bind("providerId", rows.current().toArray(String[]::new)).fetch().rowsUpdated();
		List<IdentityRow> identities = rows.identities();
		Mono<Long> upserted = identities.isEmpty() ? Mono.just(0L) : db.sql(UPSERT_IDENTITIES)
			.bind("cloud", scope.cloud())
			.bind("kind", scope.kind())
			.bind("source", scope.source())
			.bind("providerId", identities.stream().map(IdentityRow::providerId).toArray(String[]::new))
			.bind("scopeId", identities.stream().map(IdentityRow::scopeId).toArray(String[]::new))
			.bind("name", identities.stream().map(IdentityRow::name).toArray(String[]::new))
			.bind("privileged", identities.stream().map(IdentityRow::privileged).toArray(Boolean[]::new))
			.bind("policyKnown", identities.stream().map(IdentityRow::policyKnown).toArray(Boolean[]::new))
			.fetch()
			.rowsUpdated();
		Mono<Long> credentialsGone = rows.credentialsGone().isEmpty() ? Mono.just(0L) : db.sql(DELETE_CREDENTIALS)
			.bind("cloud", scope.cloud())
			.bind("fingerprint", rows.credentialsGone().toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		List<IdentityChanges.Credential> keys = rows.credentials();
		Mono<Long> credentials = keys.isEmpty() ? Mono.just(0L) : db.sql(UPSERT_CREDENTIALS)
			.bind("cloud", scope.cloud())
			.bind("fingerprint", keys.stream().map(IdentityChanges.Credential::fingerprint).toArray(String[]::new))
			.bind("providerId", keys.stream().map(IdentityChanges.Credential::providerId).toArray(String[]::new))
			.bind("status", keys.stream().map(IdentityChanges.Credential::status).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		List<AccessRow> removed = rows.accessGone();
		Mono<Long> accessGone = removed.isEmpty() ? Mono.just(0L) : db.sql(DELETE_ACCESS)
			.bind("cloud", scope.cloud())
			.bind("providerId", removed.stream().map(AccessRow::providerId).toArray(String[]::new))
			.bind("assetId", removed.stream().map(AccessRow::assetId).toArray(Long[]::new))
			.fetch()
			.rowsUpdated();
		List<AccessRow> access = rows.access();
		Mono<Long> accessWritten = access.isEmpty() ? Mono.just(0L) : db.sql(UPSERT_ACCESS)
			.bind("cloud", scope.cloud())
			.bind("providerId", access.stream().map(AccessRow::providerId).toArray(String[]::new))
			.bind("assetId", access.stream().map(AccessRow::assetId).toArray(Long[]::new))
			.bind("level", access.stream().map(AccessRow::level).toArray(String[]::new))
			.bind("assumed", access.stream().map(AccessRow::assumed).toArray(Boolean[]::new))
			.bind("reason", access.stream().map(AccessRow::reason).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		return Flux.concat(gone, upserted, credentialsGone, credentials, accessGone, accessWritten).then();
	}

}
