package dev.leakpath.asset.aws;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * An access key id is the value of GitHub's {@code aws_access_key_id} alerts, so it is stored as the fingerprint
 * of the identity layer's contract (V202612130000), computed in the statement: the id itself is never kept.
 * The {@code aws_iam_user}, {@code aws_access_key} and {@code aws_bucket_policy} tables: an account's users, and its
 * bucket policies, each replaced whole in one transaction.
 */
@Component
class AwsIdentityStore {

	private static final String DELETE_ACCOUNT = "delete from aws_iam_user where account_id = :accountId";

	private static final String INSERT_USERS = """
			insert into aws_iam_user (arn, account_id, user_name, user_id, policies)
			select arn, :accountId, user_name, user_id, cast(policies as jsonb)
			from unnest(cast(:arn as text[]), cast(:userName as text[]), cast(:userId as text[]),
			            cast(:policies as text[])) as input (arn, user_name, user_id, policies)
			""";

	private static final String INSERT_KEYS = """
			insert into aws_access_key (key_fingerprint, user_arn, status)
			select 'sha256:' || encode(sha256(convert_to(key_id, 'UTF8')), 'hex'), user_arn, status
			from unnest(cast(:keyId as text[]), cast(:userArn as text[]), cast(:status as text[]))
			     as input (key_id, user_arn, status)
			""";

	private static final String DELETE_POLICIES = "delete from aws_bucket_policy where account_id = :accountId";

	private static final String INSERT_POLICIES = """
			insert into aws_bucket_policy (bucket_arn, account_id, policy, readable)
			select arn, :accountId, cast(policy as jsonb), readable
			from unnest(cast(:arn as text[]), cast(:policy as text[]), cast(:readable as boolean[]))
			     as input (arn, policy, readable)
			""";

	private final DatabaseClient db;

	private final ObjectMapper mapper;

	private final TransactionalOperator transaction;

	AwsIdentityStore(DatabaseClient db, ObjectMapper mapper, TransactionalOperator transaction) {
		this.db = db;
		this.mapper = mapper;
		this.transaction = transaction;
	}

	/** Makes {@code users} the account's IAM users; emits how many. */
	Mono<Integer> replaceAccount(String accountId, List<IamUsers.User> users) {
		List<String[]> keys = users.stream()
			.flatMap(user -> user.accessKeys().stream().map(key -> new String[] { key.id(), user.arn(), key.status() }))
			.toList();
		Mono<Long> deleted = db.sql(DELETE_ACCOUNT).bind("accountId", accountId).fetch().rowsUpdated();
		Mono<Long> insertedUsers = users.isEmpty() ? Mono.just(0L) : db.sql(INSERT_USERS)
			.bind("accountId", accountId)
			.bind("arn", users.stream().map(IamUsers.User::arn).toArray(String[]::new))
			.bind("userName", users.stream().map(IamUsers.User::name).toArray(String[]::new))
			.bind("userId", users.stream().map(IamUsers.User::id).toArray(String[]::new))
			.bind("policies", users.stream().map(user -> json(user.policies())).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		Mono<Long> insertedKeys = keys.isEmpty() ? Mono.just(0L) : db.sql(INSERT_KEYS)
			.bind("keyId", keys.stream().map(key -> key[0]).toArray(String[]::new))
			.bind("userArn", keys.stream().map(key -> key[1]).toArray(String[]::new))
			.bind("status", keys.stream().map(key -> key[2]).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		return transaction.transactional(deleted.then(insertedUsers).then(insertedKeys)).thenReturn(users.size());
	}

	/** Makes {@code policies} the account's bucket policies. */
	Mono<Void> replaceBucketPolicies(String accountId, List<S3Buckets.BucketPolicy> policies) {
		Mono<Long> deleted = db.sql(DELETE_POLICIES).bind("accountId", accountId).fetch().rowsUpdated();
		Mono<Long> inserted = policies.isEmpty() ? Mono.just(0L) : db.sql(INSERT_POLICIES)
			.bind("accountId", accountId)
			.bind("arn", policies.stream().map(S3Buckets.BucketPolicy::bucketArn).toArray(String[]::new))
			.bind("policy", policies.stream().map(S3Buckets.BucketPolicy::policy).toArray(String[]::new))
			.bind("readable", policies.stream().map(S3Buckets.BucketPolicy::readable).toArray(Boolean[]::new))
			.fetch()
			.rowsUpdated();
		return transaction.transactional(deleted.then(inserted)).then();
	}

	private String json(Object value) {
		try {
			return mapper.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("IAM policies cannot be written as JSON", ex);
		}
	}

}
