package dev.leakpath.asset.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Evaluating each user against its candidate buckets only (dev.leakpath.identity.aws.S3BucketCandidates) gives
 * exactly what evaluating it against every bucket gives, on random accounts drawn from the policy grammar's
 * corners: Action and NotAction, Resource and NotResource, {@code *} and {@code ?} anywhere, policy variables,
 * conditions, Deny, bucket policies naming everyone, a user, a pattern of users, the account or another account,
 * bucket policies that could not be read or are not policies, and users whose policies are not known.
 */
class AwsAccessRulesIndexTests {

	private static final String ACCOUNT = "123456789012";

	private static final List<String> BUCKET_NAMES = List.of("logs", "logs-eu", "logs-us", "log", "invoices",
			"invoices-2026", "inv", "team1-data", "team1-backup", "team2-data", "data", "l", "home", "a.b-c");

	private static final List<String> ACTIONS = List.of("s3:GetObject", "s3:ListBucket", "s3:PutObject", "s3:*", "*",
			"s3:Get*", "s3:*Object", "S3:getobject", "s3:List*", "s3:DeleteObject", "ec2:*", "s3:GetObjectVersion",
			"s3:?etObject", "iam:PassRole");

	private static final List<String> RESOURCE_SHAPES = List.of("*", "arn:aws:s3:::*", "arn:aws:s3:::%s",
			"arn:aws:s3:::%s/*", "arn:aws:s3:::%s*", "arn:aws:s3:::%s/home/${aws:username}/*", "arn:aws:s3:::${aws:PrincipalTag/team}-*",
			"arn:aws:s3:::%s/${aws:username}", "arn:aws:s3:::?%s", "arn:aws:s3:::%s?", "arn:aws:*", "arn:aws:ec2:*",
			"arn:*:s3:::%s/*", "*/*", "arn:aws:s3::", "arn:aws:s3:::", "arn:aws:s3:::%s/a/b", "arn:aws:s3:::team*-data",
			"arn:aws:s3:::${aws:username}*", "arn:aws:s3:::%s/*/x");

	@Test
	void candidateBucketsGiveWhatEveryBucketGives() {
		for (long seed = 1; seed <= 300; seed++) {
			Random random = new Random(seed);
			List<AwsAccessRules.User> users = users(random);
			List<AwsAccessRules.Bucket> buckets = buckets(random);

			AwsAccessRules.Evaluated indexed = AwsAccessRules.evaluate(ACCOUNT, users, buckets, true);
			AwsAccessRules.Evaluated everyBucket = AwsAccessRules.evaluate(ACCOUNT, users, buckets, false);

			assertThat(indexed).as("seed %d", seed).isEqualTo(everyBucket);
		}
	}

	@Test
	void theRandomAccountsReachSomeBucketsAndNotOthers() {
		long reached = 0;
		long pairs = 0;
		for (long seed = 1; seed <= 300; seed++) {
			Random random = new Random(seed);
			List<AwsAccessRules.User> users = users(random);
			List<AwsAccessRules.Bucket> buckets = buckets(random);
			reached += AwsAccessRules.evaluate(ACCOUNT, users, buckets, false).access().size();
			pairs += (long) users.size() * buckets.size();
		}
		// what the comparison above is worth: neither nothing nor everything reached
		assertThat(reached).isBetween(pairs / 20, pairs * 3 / 4);
	}

	private static List<AwsAccessRules.User> users(Random random) {
		List<AwsAccessRules.User> users = new ArrayList<>();
		int count = 1 + random.nextInt(6);
		for (int i = 0; i < count; i++) {
			String name = random.nextInt(5) == 0 ? "logs" : "user" + i;
			String policies;
			int kind = random.nextInt(30);
			if (kind == 0) {
				policies = "not json";
			}
			else if (kind == 1) {
				policies = "[{\"kind\":\"managed\",\"via\":\"group:ops\",\"name\":\"PowerUserAccess\","
						+ "\"arn\":\"arn:aws:iam::aws:policy/PowerUserAccess\"}]";
			}
			else {
				List<String> entries = new ArrayList<>();
				int documents = 1 + random.nextInt(3);
				for (int d = 0; d < documents; d++) {
					entries.add("{\"kind\":\"inline\",\"via\":\"user\",\"name\":\"p" + d + "\",\"document\":"
							+ document(random, false) + "}");
				}
				policies = "[" + String.join(",", entries) + "]";
			}
			users.add(new AwsAccessRules.User("arn:aws:iam::" + ACCOUNT + ":user/" + (random.nextBoolean() ? "" : "ops/")
					+ name, name, policies));
		}
		return users;
	}

	private static List<AwsAccessRules.Bucket> buckets(Random random) {
		List<AwsAccessRules.Bucket> buckets = new ArrayList<>();
		for (int i = 0; i < BUCKET_NAMES.size(); i++) {
			int kind = random.nextInt(20);
			String policy = kind < 8 ? null : kind == 8 ? "{\"no\":\"statement\"}" : document(random, true);
			buckets.add(new AwsAccessRules.Bucket(100 + i, BUCKET_NAMES.get(i), policy, kind != 9));
		}
		return buckets;
	}

	private static String document(Random random, boolean bucketPolicy) {
		List<String> statements = new ArrayList<>();
		int count = 1 + random.nextInt(4);
		for (int i = 0; i < count; i++) {
			StringBuilder statement = new StringBuilder("{\"Effect\":\"")
				.append(random.nextInt(4) == 0 ? "Deny" : "Allow")
				.append('"');
			if (bucketPolicy) {
				statement.append(random.nextInt(10) == 0 ? ",\"NotPrincipal\":" : ",\"Principal\":")
					.append(principal(random));
			}
			statement.append(random.nextInt(8) == 0 ? ",\"NotAction\":" : ",\"Action\":").append(pick(random, ACTIONS, 3));
			if (!(bucketPolicy && random.nextInt(4) == 0)) {
				List<String> resources = new ArrayList<>();
				int patterns = 1 + random.nextInt(3);
				for (int p = 0; p < patterns; p++) {
					String shape = RESOURCE_SHAPES.get(random.nextInt(RESOURCE_SHAPES.size()));
					String name = BUCKET_NAMES.get(random.nextInt(BUCKET_NAMES.size()));
					// a start of a name too, so that prefixes meet several buckets or none
					resources.add(shape.formatted(random.nextBoolean() ? name : name.substring(0, 1 + random.nextInt(name.length()))));
				}
				statement.append(random.nextInt(8) == 0 ? ",\"NotResource\":" : ",\"Resource\":")
					.append(json(resources));
			}
			if (random.nextInt(5) == 0) {
				statement.append(",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}");
			}
			statements.add(statement.append('}').toString());
		}
		return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
	}

	private static String principal(Random random) {
		return switch (random.nextInt(9)) {
			case 0 -> "\"*\"";
			case 1 -> "{\"AWS\":\"*\"}";
			case 2 -> "{\"AWS\":\"" + ACCOUNT + "\"}";
			case 3 -> "{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"}";
			case 4 -> "{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":user/user*\"}";
			case 5 -> "{\"AWS\":[\"arn:aws:iam::999988887777:root\",\"arn:aws:iam::" + ACCOUNT + ":user/user1\"]}";
			case 6 -> "{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":user/ops/user?\"}";
			case 7 -> "{\"Service\":\"cloudtrail.amazonaws.com\"}";
			default -> "{\"AWS\":[\"arn:aws:iam::" + ACCOUNT + ":user/user0\",\"arn:aws:iam::" + ACCOUNT + ":root\"]}";
		};
	}

	private static String pick(Random random, List<String> from, int most) {
		List<String> picked = new ArrayList<>();
		int count = 1 + random.nextInt(most);
		for (int i = 0; i < count; i++) {
			picked.add(from.get(random.nextInt(from.size())));
		}
		return json(picked);
	}

	private static String json(List<String> values) {
		return values.stream().map(value -> "\"" + value.replace("\"", "\\\"") + "\"")
			.reduce((one, other) -> one + "," + other)
			.map(joined -> "[" + joined + "]")
			.orElse("[]");
	}

}
