package dev.leakpath.asset.aws;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakpath.identity.IdentityChanges;
import dev.leakpath.identity.aws.IamCaller;
import dev.leakpath.identity.aws.IamDecision;
import dev.leakpath.identity.aws.IamEvaluation;
import dev.leakpath.identity.aws.IamPolicyDocument;
import dev.leakpath.identity.aws.S3BucketAccess;
import dev.leakpath.identity.aws.S3BucketCandidates;

/**
 * What each IAM user of an account may do to each of its S3 buckets, decided by {@link IamEvaluation} over the
 * user's policies (as {@link IamUsers} stored them) and the bucket's policy. A user with a policy whose document
 * is not known (a managed policy missing from the answer, or one that is not a policy) is assumed to reach every
 * bucket; so is every user for a bucket whose policy could not be read: the evaluation fails towards reach.
 * A user is privileged with {@code AdministratorAccess} attached, or an unconditional Allow of {@code *} on
 * {@code *}; its access is {@code admin}. Each user is evaluated only against the buckets it may reach at all
 * ({@link S3BucketCandidates}): users times buckets, with each bucket policy parsed again for each user, took
 * 556 s for the 40 accounts of 400 users and 2,000 buckets of {@code IdentityGraphBenchmark}.
 */
final class AwsAccessRules {

	static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

	private static final ObjectMapper JSON = new ObjectMapper();

	private AwsAccessRules() {
	}

	/** @param policies the {@code aws_iam_user.policies} JSON array */
	record User(String arn, String name, String policies) {
	}

	/** @param policy the bucket policy's JSON, or null when it has none (or could not be read) */
	record Bucket(long assetId, String name, String policy, boolean policyReadable) {
	}

	record Identity(String arn, String name, boolean privileged, boolean policyKnown)
			implements IdentityChanges.Identity {

		@Override
		public String providerId() {
			return arn;
		}

	}

	record Access(String userArn, long assetId, String level, boolean assumed, String reason)
			implements IdentityChanges.Access {

		@Override
		public String providerId() {
			return userArn;
		}

	}

	record Evaluated(List<Identity> identities, List<Access> access) {
	}

	static Evaluated evaluate(String accountId, List<User> users, List<Bucket> buckets) {
		return evaluate(accountId, users, buckets, true);
	}

	/**
	 * @param indexed whether each user is evaluated against its {@link S3BucketCandidates} only, or against every
	 * bucket (the same answer, slower: what the tests compare the index with)
	 */
	static Evaluated evaluate(String accountId, List<User> users, List<Bucket> buckets, boolean indexed) {
		// each bucket's policy parsed once, not once per user
		List<List<IamPolicyDocument>> bucketPolicies = buckets.stream().map(AwsAccessRules::bucketPolicies).toList();
		S3BucketCandidates candidates = new S3BucketCandidates(buckets.stream().map(Bucket::name).toList(),
				bucketPolicies);
		List<Identity> identities = new ArrayList<>();
		List<Access> access = new ArrayList<>();
		for (User user : users) {
			Policies policies = policies(user.policies());
			boolean privileged = policies.administrator || IamEvaluation.grantsEverything(policies.documents);
			identities.add(new Identity(user.arn(), user.name(), privileged, policies.unknown.isEmpty()));
			if (!policies.unknown.isEmpty()) {
				for (Bucket bucket : buckets) {
					access.add(new Access(user.arn(), bucket.assetId(), "admin", true,
							"assumed: the policies " + policies.unknown + " could not be read"));
				}
				continue;
			}
			IamCaller caller = new IamCaller(user.arn(), accountId, user.name());
			BitSet reachable = new BitSet();
			if (indexed) {
				reachable = candidates.candidates(caller, policies.documents);
			}
			else {
				reachable.set(0, buckets.size());
			}
			for (int index = reachable.nextSetBit(0); index >= 0; index = reachable.nextSetBit(index + 1)) {
				Bucket bucket = buckets.get(index);
				List<IamPolicyDocument> policy = bucketPolicies.get(index);
				if (policy == null) {
					access.add(new Access(user.arn(), bucket.assetId(), "admin", true,
							"assumed: the bucket policy could not be read"));
					continue;
				}
				S3BucketAccess bucketAccess = S3BucketAccess.of(caller, policies.documents, policy, accountId,
						bucket.name());
				if (bucketAccess.reaches()) {
					String level = privileged ? "admin" : bucketAccess.write().mayAllow() ? "write" : "read";
					access.add(new Access(user.arn(), bucket.assetId(), level, false, reason(bucketAccess, policies,
							bucket.policy() != null)));
				}
			}
		}
		return new Evaluated(identities, access);
	}

	/** The bucket's policy, none, or null when it could not be read or is not a policy. */
	private static List<IamPolicyDocument> bucketPolicies(Bucket bucket) {
		if (!bucket.policyReadable()) {
			return null;
		}
		try {
			return bucket.policy() == null ? List.of() : List.of(IamPolicyDocument.parse(bucket.policy()));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String reason(S3BucketAccess access, Policies policies, boolean bucketPolicy) {
		return "read " + describe(access.read()) + ", write " + describe(access.write()) + " by "
				+ String.join(", ", policies.names) + (bucketPolicy ? " and the bucket policy" : "");
	}

	private static String describe(IamDecision decision) {
		return switch (decision) {
			case ALLOWED -> "allowed";
			case ALLOWED_IF_CONDITIONS_HOLD -> "allowed if the policies' conditions hold";
			case DENIED -> "explicitly denied";
			case NOT_ALLOWED -> "not allowed";
		};
	}

	/** The user's policy documents, the names of those, and of those it could not read. */
	private static Policies policies(String json) {
		Policies read = new Policies();
		JsonNode entries;
		try {
			entries = JSON.readTree(json);
		}
		catch (JsonProcessingException ex) {
			read.unknown.add("(all)");
			return read;
		}
		for (JsonNode entry : entries) {
			String name = entry.path("name").asText("?") + " (" + entry.path("via").asText("user") + ")";
			if (ADMINISTRATOR_ACCESS.equals(entry.path("arn").asText(null))) {
				read.administrator = true;
			}
			JsonNode document = entry.get("document");
			if (document == null || document.isNull()) {
				read.unknown.add(name);
				continue;
			}
			try {
				read.documents.add(IamPolicyDocument.parse(document.toString()));
				read.names.add(name);
			}
			catch (IllegalArgumentException ex) {
				read.unknown.add(name);
			}
		}
		return read;
	}

	private static final class Policies {

		private final List<IamPolicyDocument> documents = new ArrayList<>();

		private final List<String> names = new ArrayList<>();

		private final List<String> unknown = new ArrayList<>();

		private boolean administrator;

	}

}
