package dev.leakpath.asset.gcp;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.leakpath.attackpath.GraphMaintenance;
import dev.leakpath.identity.gcp.GcpBinding;
import dev.leakpath.identity.gcp.GcpResource;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Writes what a scope's service accounts may access into the identity layer ({@code identity},
 * {@code identity_credential}, {@code identity_access}, V202612130000), from the accounts, key ids, resources and
 * IAM bindings the inventory stored ({@link GcpAccessRules} decides each account and resource). Identities are
 * upserted by email, so their graph node ids stay across reads; an account gone from the scope goes with its keys
 * and access. The paths of the scope's keys, before and after, are then brought up to date in the same
 * transaction: an incremental update, as for AWS ({@code AwsAccessEvaluation}).
 */
@Component
class GcpAccessEvaluation {

	private static final String ACCOUNTS = "select email, project from gcp_service_account where scope = :scope order by email";

	/** A key is usable only while it and its account are enabled. */
	private static final String KEYS = """
			select k.key_id, k.service_account_email, k.disabled or a.disabled as disabled
			from gcp_service_account_key k
			join gcp_service_account a on a.email = k.service_account_email
			where a.scope = :scope
			""";

	/** The scope's resources that are inventory assets (buckets, Cloud SQL and Compute instances). */
	private static final String RESOURCES = """
			select a.id, r.name, r.asset_type, r.project, array_to_string(r.folders, ' ') as folders, r.organization
			from gcp_resource r
			join asset a on a.provider_id = r.name
			where r.scope = :scope and a.cloud = 'gcp'
			order by a.id
			""";

	private static final String BINDINGS = "select resource, role, member, conditional from gcp_iam_binding where scope = :scope";

	private static final String AFFECTED_SECRETS = """
			select s.id
			from identity i
			join identity_credential c on c.identity_id = i.id
			join secret s on s.target_kind = 'cloud_identity' and s.target_cloud = c.cloud
			             and s.target_key_fingerprint = c.credential_fingerprint
			where i.source = :source
			""";

	private static final String DELETE_GONE = """
			delete from identity where source = :source and not (provider_id = any(cast(:email as text[])))""";

	private static final String UPSERT_IDENTITIES = """
			insert into identity (cloud, kind, provider_id, scope_id, name, privileged, policy_known, source)
			select 'gcp', 'gcp_service_account', email, project_id, email, privileged, policy_known, :source
			from unnest(cast(:email as text[]), cast(:projectId as text[]), cast(:privileged as boolean[]),
			            cast(:policyKnown as boolean[])) as input (email, project_id, privileged, policy_known)
			on conflict (cloud, provider_id) do update set
			    scope_id = excluded.scope_id, name = excluded.name, privileged = excluded.privileged
			  , policy_known = excluded.policy_known, source = excluded.source, updated_at = now()
			""";

	private static final String DELETE_CREDENTIALS = """
			delete from identity_credential c using identity i where i.id = c.identity_id and i.source = :source""";

	/** The contract's fingerprint of the key id (as dev.leakpath.target.CredentialFingerprint computes it). */
	private static final String INSERT_CREDENTIALS = """
			insert into identity_credential (cloud, credential_fingerprint, identity_id, status)
			select 'gcp', 'sha256:' || encode(sha256(convert_to(input.key_id, 'UTF8')), 'hex'), i.id, input.status
			from unnest(cast(:keyId as text[]), cast(:email as text[]), cast(:status as text[]))
			     as input (key_id, email, status)
			join identity i on i.cloud = 'gcp' and i.provider_id = input.email
			on conflict (cloud, credential_fingerprint) do update set identity_id = excluded.identity_id
			  , status = excluded.status
			""";

	private static final String DELETE_ACCESS = """
			delete from identity_access a using identity i where i.id = a.identity_id and i.source = :source""";

	private static final String INSERT_ACCESS = """
			insert into identity_access (identity_id, asset_id, access_level, assumed, reason)
			select i.id, input.asset_id, input.access_level, input.assumed, input.reason
			from unnest(cast(:email as text[]), cast(:assetId as bigint[]), cast(:level as text[]),
			            cast(:assumed as boolean[]), cast(:reason as text[]))
			     as input (email, asset_id, access_level, assumed, reason)
			join identity i on i.cloud = 'gcp' and i.provider_id = input.email
			""";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final GraphMaintenance graph;

	GcpAccessEvaluation(DatabaseClient db, TransactionalOperator transaction, GraphMaintenance graph) {
		this.db = db;
		this.transaction = transaction;
		this.graph = graph;
	}

	/**
	 * Evaluates the scope's service accounts against its resources and stores the outcome; emits how many
	 * identities.
	 *
	 * @param policiesRead false when the scope's IAM policies could not be read: every reach is then assumed
	 */
	Mono<Integer> evaluateScope(String scope, boolean policiesRead) {
		String source = "gcp:" + scope + ":iam";
		Mono<List<GcpAccessRules.Account>> accounts = db.sql(ACCOUNTS).bind("scope", scope)
			.map(row -> new GcpAccessRules.Account(row.get("email", String.class), row.get("project", String.class)))
			.all()
			.collectList();
		Mono<List<String[]>> keys = db.sql(KEYS).bind("scope", scope)
			.map(row -> new String[] { row.get("key_id", String.class), row.get("service_account_email", String.class),
					Boolean.TRUE.equals(row.get("disabled", Boolean.class)) ? "Disabled" : "Enabled" })
			.all()
			.collectList();
		Mono<List<GcpAccessRules.Resource>> resources = db.sql(RESOURCES).bind("scope", scope)
			.map(row -> new GcpAccessRules.Resource(row.get("id", Long.class),
					new GcpResource(row.get("name", String.class), row.get("asset_type", String.class),
							row.get("project", String.class), folders(row.get("folders", String.class)),
							row.get("organization", String.class))))
			.all()
			.collectList();
		Mono<List<GcpBinding>> bindings = db.sql(BINDINGS).bind("scope", scope)
			.map(row -> new GcpBinding(row.get("resource", String.class), row.get("role", String.class),
					row.get("member", String.class), Boolean.TRUE.equals(row.get("conditional", Boolean.class))))
			.all()
			.collectList();
		// a recompute started by the read's asset change must not write back paths read before this update
		Mono<Integer> write = graph.holdOffRecompute().then(Mono.zip(accounts, keys, resources, bindings))
			.flatMap(read -> Mono.fromCallable(() -> GcpAccessRules.evaluate(scope, read.getT1(), read.getT3(),
					policiesRead ? read.getT4() : null))
				.subscribeOn(Schedulers.parallel())
				.flatMap(evaluated -> affected(source)
					.flatMap(before -> store(source, evaluated, read.getT2())
						.then(affected(source))
						.flatMap(after -> {
							before.addAll(after);
							return graph.secretsChanged(before);
						}))
					.thenReturn(evaluated.identities().size())));
		return transaction.transactional(write);
	}

	private static List<String> folders(String joined) {
		return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(" "));
	}

	private Mono<Set<Long>> affected(String source) {
		return db.sql(AFFECTED_SECRETS).bind("source", source)
			.map(row -> row.get("id", Long.class))
			.all()
			.collect(Collectors.toCollection(HashSet::new));
	}

	private Mono<Void> store(String source, GcpAccessRules.Evaluated evaluated, List<String[]> keys) {
		List<GcpAccessRules.Identity> identities = evaluated.identities();
		String[] emails = identities.stream().map(GcpAccessRules.Identity::email).toArray(String[]::new);
		Mono<Long> gone = db.sql(DELETE_GONE).bind("source", source).bind("email", emails).fetch().rowsUpdated();
		Mono<Long> upserted = identities.isEmpty() ? Mono.just(0L) : db.sql(UPSERT_IDENTITIES)
			.bind("source", source)
			.bind("email", emails)
			.bind("projectId", identities.stream().map(GcpAccessRules.Identity::projectId).toArray(String[]::new))
			.bind("privileged", identities.stream().map(GcpAccessRules.Identity::privileged).toArray(Boolean[]::new))
			.bind("policyKnown", identities.stream().map(GcpAccessRules.Identity::policyKnown).toArray(Boolean[]::new))
			.fetch()
			.rowsUpdated();
		Mono<Long> credentialsCleared = db.sql(DELETE_CREDENTIALS).bind("source", source).fetch().rowsUpdated();
		Mono<Long> credentials = keys.isEmpty() ? Mono.just(0L) : db.sql(INSERT_CREDENTIALS)
			.bind("keyId", keys.stream().map(key -> key[0]).toArray(String[]::new))
			.bind("email", keys.stream().map(key -> key[1]).toArray(String[]::new))
			.bind("status", keys.stream().map(key -> key[2]).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		List<GcpAccessRules.Access> access = evaluated.access();
		Mono<Long> accessCleared = db.sql(DELETE_ACCESS).bind("source", source).fetch().rowsUpdated();
		Mono<Long> accessWritten = access.isEmpty() ? Mono.just(0L) : db.sql(INSERT_ACCESS)
			.bind("email", access.stream().map(GcpAccessRules.Access::email).toArray(String[]::new))
			.bind("assetId", access.stream().map(GcpAccessRules.Access::assetId).toArray(Long[]::new))
			.bind("level", access.stream().map(GcpAccessRules.Access::level).toArray(String[]::new))
			.bind("assumed", access.stream().map(GcpAccessRules.Access::assumed).toArray(Boolean[]::new))
			.bind("reason", access.stream().map(GcpAccessRules.Access::reason).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		return Flux.concat(gone, upserted, credentialsCleared, credentials, accessCleared, accessWritten).then();
	}

}
