package dev.leakpath.asset.gcp;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuples;

import dev.leakpath.attackpath.GraphMaintenance;
import dev.leakpath.identity.IdentityChanges;
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
 * and access. Only what changed since the scope's last evaluation is written ({@link IdentityChanges}), and the
 * paths of the keys of the accounts with a change, before and after, are then brought up to date in the same
 * transaction: an incremental update, as for AWS ({@code AwsAccessEvaluation}).
 */
@Component
class GcpAccessEvaluation {

	private static final String ACCOUNTS = "select email, project from gcp_service_account where scope = :scope order by email";

	/**
	 * A key is usable only while it and its account are enabled; its credential is the contract's fingerprint of
	 * its id (as dev.leakpath.target.CredentialFingerprint computes it).
	 */
	private static final String KEYS = """
			select 'sha256:' || encode(sha256(convert_to(k.key_id, 'UTF8')), 'hex') as fingerprint
			     , k.service_account_email, k.disabled or a.disabled as disabled
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

	/** The identities a scope's evaluation replaces (see STORED_IDENTITIES). */
	private static final String STORED = """
			i.id in (select id from identity where source = :source
			         union
			         select id from identity
			         where cloud = 'gcp' and provider_id in (select email from gcp_service_account where scope = :scope))""";

	/**
	 * What the last evaluations stored of the scope's identities: its own, and those of its accounts another scope
	 * wrote before (a service account's row moves to the scope that read it last), so that their rows are
	 * replaced, not added to.
	 */
	private static final String STORED_IDENTITIES = """
			select i.provider_id, i.scope_id, i.privileged, i.policy_known, i.source = :source as own
			from identity i
			where {stored}
			""".replace("{stored}", STORED);

	private static final String STORED_CREDENTIALS = """
			select c.credential_fingerprint, i.provider_id, c.status
			from identity_credential c
			join identity i on i.id = c.identity_id
			where {stored}
			""".replace("{stored}", STORED);

	private static final String STORED_ACCESS = """
			select i.provider_id, a.asset_id, a.access_level, a.assumed, a.reason
			from identity_access a
			join identity i on i.id = a.identity_id
			where {stored}
			""".replace("{stored}", STORED);

	private static final String AFFECTED_SECRETS = """
			select s.id
			from secret s
			where s.target_kind = 'cloud_identity' and s.target_cloud = 'gcp'
			  and s.target_key_fingerprint = any(cast(:fingerprint as text[]))
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
			delete from identity_credential
			where cloud = 'gcp' and credential_fingerprint = any(cast(:fingerprint as text[]))""";

	private static final String UPSERT_CREDENTIALS = """
			insert into identity_credential (cloud, credential_fingerprint, identity_id, status)
			select 'gcp', input.fingerprint, i.id, input.status
			from unnest(cast(:fingerprint as text[]), cast(:email as text[]), cast(:status as text[]))
			     as input (fingerprint, email, status)
			join identity i on i.cloud = 'gcp' and i.provider_id = input.email
			on conflict (cloud, credential_fingerprint) do update set identity_id = excluded.identity_id
			  , status = excluded.status
			""";

	private static final String DELETE_ACCESS = """
			delete from identity_access a
			using identity i, unnest(cast(:email as text[]), cast(:assetId as bigint[])) as gone (email, asset_id)
			where i.cloud = 'gcp' and i.provider_id = gone.email and a.identity_id = i.id
			  and a.asset_id = gone.asset_id
			""";

	private static final String UPSERT_ACCESS = """
			insert into identity_access (identity_id, asset_id, access_level, assumed, reason)
			select i.id, input.asset_id, input.access_level, input.assumed, input.reason
			from unnest(cast(:email as text[]), cast(:assetId as bigint[]), cast(:level as text[]),
			            cast(:assumed as boolean[]), cast(:reason as text[]))
			     as input (email, asset_id, access_level, assumed, reason)
			join identity i on i.cloud = 'gcp' and i.provider_id = input.email
			on conflict (identity_id, asset_id) do update set access_level = excluded.access_level
			  , assumed = excluded.assumed, reason = excluded.reason
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
		Mono<List<IdentityChanges.Credential>> keys = db.sql(KEYS).bind("scope", scope)
			.map(row -> new IdentityChanges.Credential(row.get("fingerprint", String.class),
					row.get("service_account_email", String.class),
					Boolean.TRUE.equals(row.get("disabled", Boolean.class)) ? "Disabled" : "Enabled"))
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
		Mono<Integer> write = graph.holdOffRecompute()
			.then(Mono.zip(accounts, keys, resources, bindings, stored(scope, source)))
			.flatMap(read -> Mono.fromCallable(() -> {
				GcpAccessRules.Evaluated evaluated = GcpAccessRules.evaluate(scope, read.getT1(), read.getT3(),
						policiesRead ? read.getT4() : null);
				return Tuples.of(evaluated, IdentityChanges.between(read.getT5(), evaluated.identities(),
						evaluated.access(), read.getT2()));
			})
				.subscribeOn(Schedulers.parallel())
				.flatMap(evaluated -> store(source, evaluated.getT1(), evaluated.getT2())
					.then(affected(evaluated.getT2()))
					.flatMap(secrets -> secrets.isEmpty() ? Mono.<Void>empty() : graph.secretsChanged(secrets))
					.thenReturn(evaluated.getT1().identities().size())));
		return transaction.transactional(write);
	}

	private static List<String> folders(String joined) {
		return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(" "));
	}

	private Mono<IdentityChanges.Stored<GcpAccessRules.Identity, GcpAccessRules.Access>> stored(String scope,
			String source) {
		// another scope's identity is new to this one: written again, it becomes this scope's
		Mono<List<GcpAccessRules.Identity>> identities = db.sql(STORED_IDENTITIES).bind("source", source)
			.bind("scope", scope)
			.map(row -> Boolean.TRUE.equals(row.get("own", Boolean.class))
					? Optional.of(new GcpAccessRules.Identity(row.get("provider_id", String.class),
							row.get("scope_id", String.class), Boolean.TRUE.equals(row.get("privileged", Boolean.class)),
							Boolean.TRUE.equals(row.get("policy_known", Boolean.class))))
					: Optional.<GcpAccessRules.Identity>empty())
			.all()
			.filter(Optional::isPresent)
			.map(Optional::get)
			.collectList();
		Mono<List<IdentityChanges.Credential>> credentials = db.sql(STORED_CREDENTIALS).bind("source", source)
			.bind("scope", scope)
			.map(row -> new IdentityChanges.Credential(row.get("credential_fingerprint", String.class),
					row.get("provider_id", String.class), row.get("status", String.class)))
			.all()
			.collectList();
		Mono<List<GcpAccessRules.Access>> access = db.sql(STORED_ACCESS).bind("source", source)
			.bind("scope", scope)
			.map(row -> new GcpAccessRules.Access(row.get("provider_id", String.class), row.get("asset_id", Long.class),
					row.get("access_level", String.class), Boolean.TRUE.equals(row.get("assumed", Boolean.class)),
					row.get("reason", String.class)))
			.all()
			.collectList();
		return Mono.zip(identities, credentials, access)
			.map(read -> new IdentityChanges.Stored<>(read.getT1(), read.getT2(), read.getT3()));
	}

	private Mono<Set<Long>> affected(IdentityChanges<GcpAccessRules.Identity, GcpAccessRules.Access> changes) {
		if (changes.fingerprints().isEmpty()) {
			return Mono.just(Set.of());
		}
		return db.sql(AFFECTED_SECRETS).bind("fingerprint", changes.fingerprints().toArray(String[]::new))
			.map(row -> row.get("id", Long.class))
			.all()
			.collect(Collectors.toCollection(HashSet::new));
	}

	private Mono<Void> store(String source, GcpAccessRules.Evaluated evaluated,
			IdentityChanges<GcpAccessRules.Identity, GcpAccessRules.Access> changes) {
		String[] emails = evaluated.identities().stream().map(GcpAccessRules.Identity::email).toArray(String[]::new);
		Mono<Long> gone = db.sql(DELETE_GONE).bind("source", source).bind("email", emails).fetch().rowsUpdated();
		List<GcpAccessRules.Identity> identities = changes.identities();
		Mono<Long> upserted = identities.isEmpty() ? Mono.just(0L) : db.sql(UPSERT_IDENTITIES)
			.bind("source", source)
			.bind("email", identities.stream().map(GcpAccessRules.Identity::email).toArray(String[]::new))
			.bind("projectId", identities.stream().map(GcpAccessRules.Identity::projectId).toArray(String[]::new))
			.bind("privileged", identities.stream().map(GcpAccessRules.Identity::privileged).toArray(Boolean[]::new))
			.bind("policyKnown", identities.stream().map(GcpAccessRules.Identity::policyKnown).toArray(Boolean[]::new))
			.fetch()
			.rowsUpdated();
		Mono<Long> credentialsGone = changes.credentialsGone().isEmpty() ? Mono.just(0L) : db.sql(DELETE_CREDENTIALS)
			.bind("fingerprint", changes.credentialsGone().toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		List<IdentityChanges.Credential> keys = changes.credentials();
		Mono<Long> credentials = keys.isEmpty() ? Mono.just(0L) : db.sql(UPSERT_CREDENTIALS)
			.bind("fingerprint", keys.stream().map(IdentityChanges.Credential::fingerprint).toArray(String[]::new))
			.bind("email", keys.stream().map(IdentityChanges.Credential::providerId).toArray(String[]::new))
			.bind("status", keys.stream().map(IdentityChanges.Credential::status).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		List<GcpAccessRules.Access> removed = changes.accessGone();
		Mono<Long> accessGone = removed.isEmpty() ? Mono.just(0L) : db.sql(DELETE_ACCESS)
			.bind("email", removed.stream().map(GcpAccessRules.Access::email).toArray(String[]::new))
			.bind("assetId", removed.stream().map(GcpAccessRules.Access::assetId).toArray(Long[]::new))
			.fetch()
			.rowsUpdated();
		List<GcpAccessRules.Access> access = changes.access();
		Mono<Long> accessWritten = access.isEmpty() ? Mono.just(0L) : db.sql(UPSERT_ACCESS)
			.bind("email", access.stream().map(GcpAccessRules.Access::email).toArray(String[]::new))
			.bind("assetId", access.stream().map(GcpAccessRules.Access::assetId).toArray(Long[]::new))
			.bind("level", access.stream().map(GcpAccessRules.Access::level).toArray(String[]::new))
			.bind("assumed", access.stream().map(GcpAccessRules.Access::assumed).toArray(Boolean[]::new))
			.bind("reason", access.stream().map(GcpAccessRules.Access::reason).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		return Flux.concat(gone, upserted, credentialsGone, credentials, accessGone, accessWritten).then();
	}

}
