package dev.leakpath.asset.aws;

import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuples;

import dev.leakpath.attackpath.GraphMaintenance;
import dev.leakpath.identity.IdentityChanges;
import dev.leakpath.identity.IdentityLayerWriter;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Writes what an account's IAM users may access into the identity layer ({@code identity},
 * {@code identity_credential}, {@code identity_access}, V202612130000), from the users, keys and bucket policies
 * the inventory stored ({@link AwsAccessRules} decides each user and bucket). Identities are upserted by ARN, so
 * their graph node ids stay across reads; a user gone from the account goes with its keys and access. Only what
 * changed since the last evaluation is written ({@link IdentityChanges}), and the paths of the keys of the users
 * with a change, before and after, are then brought up to date in the same transaction: an incremental update,
 * not a recompute of the graph, and one user's policy change costs that user's rows, not the account's.
 */
@Component
class AwsAccessEvaluation {

	private static final String USERS = "select arn, user_name, cast(policies as text) as policies from aws_iam_user "
			+ "where account_id = :accountId order by arn";

	private static final String KEYS = """
			select k.key_fingerprint, k.user_arn, k.status
			from aws_access_key k
			join aws_iam_user u on u.arn = k.user_arn
			where u.account_id = :accountId
			""";

	private static final String BUCKETS = """
			select a.id, a.name, cast(p.policy as text) as policy, coalesce(p.readable, false) as readable
			from asset a
			left join aws_bucket_policy p on p.bucket_arn = a.provider_id
			where a.account_id = :accountId and a.resource_type = 'AWS::S3::Bucket'
			order by a.id
			""";

	private static final String STORED_IDENTITIES = """
			select provider_id, name, privileged, policy_known from identity where source = :source""";

	private static final String STORED_CREDENTIALS = """
			select c.credential_fingerprint, i.provider_id, c.status
			from identity_credential c
			join identity i on i.id = c.identity_id
			where i.source = :source
			""";

	private static final String STORED_ACCESS = """
			select i.provider_id, a.asset_id, a.access_level, a.assumed, a.reason
			from identity_access a
			join identity i on i.id = a.identity_id
			where i.source = :source
			""";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final GraphMaintenance graph;

	private final IdentityLayerWriter identityLayer;

	AwsAccessEvaluation(DatabaseClient db, TransactionalOperator transaction, GraphMaintenance graph,
			IdentityLayerWriter identityLayer) {
		this.db = db;
		this.transaction = transaction;
		this.graph = graph;
		this.identityLayer = identityLayer;
	}

	/**
	 * Evaluates the account's users against its buckets and stores what changed since the last evaluation; emits
	 * how many identities.
	 */
	Mono<Integer> evaluateAccount(String accountId) {
		String source = "aws:" + accountId + ":iam";
		Mono<List<AwsAccessRules.User>> users = db.sql(USERS).bind("accountId", accountId)
			.map(row -> new AwsAccessRules.User(row.get("arn", String.class), row.get("user_name", String.class),
					row.get("policies", String.class)))
			.all()
			.collectList();
		Mono<List<IdentityChanges.Credential>> keys = db.sql(KEYS).bind("accountId", accountId)
			.map(row -> new IdentityChanges.Credential(row.get("key_fingerprint", String.class),
					row.get("user_arn", String.class), row.get("status", String.class)))
			.all()
			.collectList();
		Mono<List<AwsAccessRules.Bucket>> buckets = db.sql(BUCKETS).bind("accountId", accountId)
			.map(row -> new AwsAccessRules.Bucket(row.get("id", Long.class), row.get("name", String.class),
					row.get("policy", String.class), Boolean.TRUE.equals(row.get("readable", Boolean.class))))
			.all()
			.collectList();
		// a recompute started by the S3 read's asset change must not write back paths read before this update
		Mono<Integer> write = graph.holdOffRecompute().then(Mono.zip(users, keys, buckets, stored(source)))
			.flatMap(read -> Mono.fromCallable(() -> {
				AwsAccessRules.Evaluated evaluated = AwsAccessRules.evaluate(accountId, read.getT1(), read.getT3());
				return Tuples.of(evaluated, IdentityChanges.between(read.getT4(), evaluated.identities(),
						evaluated.access(), read.getT2()));
			})
				.subscribeOn(Schedulers.parallel())
				.flatMap(evaluated -> store(accountId, source, evaluated.getT1(), evaluated.getT2())
					.then(identityLayer.secretsOf("aws", evaluated.getT2().fingerprints()))
					.flatMap(secrets -> secrets.isEmpty() ? Mono.<Void>empty() : graph.secretsChanged(secrets))
					.thenReturn(evaluated.getT1().identities().size())));
		return transaction.transactional(write);
	}

	private Mono<IdentityChanges.Stored<AwsAccessRules.Identity, AwsAccessRules.Access>> stored(String source) {
		Mono<List<AwsAccessRules.Identity>> identities = db.sql(STORED_IDENTITIES).bind("source", source)
			.map(row -> new AwsAccessRules.Identity(row.get("provider_id", String.class), row.get("name", String.class),
					Boolean.TRUE.equals(row.get("privileged", Boolean.class)),
					Boolean.TRUE.equals(row.get("policy_known", Boolean.class))))
			.all()
			.collectList();
		Mono<List<IdentityChanges.Credential>> credentials = db.sql(STORED_CREDENTIALS).bind("source", source)
			.map(row -> new IdentityChanges.Credential(row.get("credential_fingerprint", String.class),
					row.get("provider_id", String.class), row.get("status", String.class)))
			.all()
			.collectList();
		Mono<List<AwsAccessRules.Access>> access = db.sql(STORED_ACCESS).bind("source", source)
			.map(row -> new AwsAccessRules.Access(row.get("provider_id", String.class), row.get("asset_id", Long.class),
					row.get("access_level", String.class), Boolean.TRUE.equals(row.get("assumed", Boolean.class)),
					row.get("reason", String.class)))
			.all()
			.collectList();
		return Mono.zip(identities, credentials, access)
			.map(read -> new IdentityChanges.Stored<>(read.getT1(), read.getT2(), read.getT3()));
	}

	private Mono<Void> store(String accountId, String source, AwsAccessRules.Evaluated evaluated,
			IdentityChanges<AwsAccessRules.Identity, AwsAccessRules.Access> changes) {
		return identityLayer.write(new IdentityLayerWriter.Scope("aws", "aws_iam_user", source),
				new IdentityLayerWriter.Rows(evaluated.identities().stream().map(AwsAccessRules.Identity::arn).toList(),
						changes.identities().stream().map(user -> new IdentityLayerWriter.IdentityRow(user.arn(), accountId,
								user.name(), user.privileged(), user.policyKnown())).toList(),
						changes.credentialsGone(), changes.credentials(), rows(changes.accessGone()),
						rows(changes.access())));
	}

	private static List<IdentityLayerWriter.AccessRow> rows(List<AwsAccessRules.Access> access) {
		return access.stream().map(each -> new IdentityLayerWriter.AccessRow(each.userArn(), each.assetId(),
				each.level(), each.assumed(), each.reason())).toList();
	}

}
