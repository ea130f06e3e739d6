package dev.leakpath.asset.gcp;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuples;

import dev.leakpath.attackpath.GraphMaintenance;
import dev.leakpath.identity.IdentityChanges;
import dev.leakpath.identity.IdentityLayerWriter;
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

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final GraphMaintenance graph;

	private final IdentityLayerWriter identityLayer;

	GcpAccessEvaluation(DatabaseClient db, TransactionalOperator transaction, GraphMaintenance graph,
			IdentityLayerWriter identityLayer) {
		this.db = db;
		this.transaction = transaction;
		this.graph = graph;
		this.identityLayer = identityLayer;
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
					.then(identityLayer.secretsOf("gcp", evaluated.getT2().fingerprints()))
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

	private Mono<Void> store(String source, GcpAccessRules.Evaluated evaluated,
			IdentityChanges<GcpAccessRules.Identity, GcpAccessRules.Access> changes) {
		return identityLayer.write(new IdentityLayerWriter.Scope("gcp", "gcp_service_account", source),
				new IdentityLayerWriter.Rows(evaluated.identities().stream().map(GcpAccessRules.Identity::email).toList(),
						changes.identities().stream().map(account -> new IdentityLayerWriter.IdentityRow(account.email(),
								account.projectId(), account.email(), account.privileged(), account.policyKnown())).toList(),
						changes.credentialsGone(), changes.credentials(), rows(changes.accessGone()),
						rows(changes.access())));
	}

	private static List<IdentityLayerWriter.AccessRow> rows(List<GcpAccessRules.Access> access) {
		return access.stream().map(each -> new IdentityLayerWriter.AccessRow(each.email(), each.assetId(),
				each.level(), each.assumed(), each.reason())).toList();
	}

}
