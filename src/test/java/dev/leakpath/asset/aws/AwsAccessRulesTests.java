package dev.leakpath.asset.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Who is privileged and when reach is assumed. Policies are the IAM User Guide's: AdministratorAccess
 * (arn:aws:iam::aws:policy/AdministratorAccess, "Allow * on *"), and the "Allows read-only access to an S3
 * bucket" example of "Example IAM identity-based policies".
 */
class AwsAccessRulesTests {

	private static final String ACCOUNT = "123456789012";

	private static final List<AwsAccessRules.Bucket> BUCKETS = List.of(
			new AwsAccessRules.Bucket(1, "acme-invoices", null, true),
			new AwsAccessRules.Bucket(2, "acme-logs", null, true));

	private static final String READ_INVOICES = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],
			 "Resource":["arn:aws:s3:::acme-invoices","arn:aws:s3:::acme-invoices/*"]}]}""";

	@Test
	void allowOfEverythingOnEverythingThenPrivilegedWithAdminAccessToEveryBucket() {
		AwsAccessRules.Evaluated evaluated = AwsAccessRules.evaluate(ACCOUNT, List.of(user("Root-ish", """
				[{"kind":"managed","via":"user","name":"AdministratorAccess",
				  "arn":"arn:aws:iam::aws:policy/AdministratorAccess",
				  "document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}]""")),
				BUCKETS);

		assertThat(evaluated.identities()).singleElement()
			.satisfies(identity -> assertThat(identity.privileged()).isTrue())
			.satisfies(identity -> assertThat(identity.policyKnown()).isTrue());
		assertThat(evaluated.access()).extracting(access -> access.assetId() + " " + access.level() + " " + access.assumed())
			.containsExactly("1 admin false", "2 admin false");
	}

	@Test
	void managedPolicyWithoutItsDocumentThenEveryBucketAssumed() {
		AwsAccessRules.Evaluated evaluated = AwsAccessRules.evaluate(ACCOUNT, List.of(user("Carol", """
				[{"kind":"managed","via":"group:Ops","name":"AdministratorAccess",
				  "arn":"arn:aws:iam::aws:policy/AdministratorAccess"}]""")), BUCKETS);

		assertThat(evaluated.identities()).singleElement()
			.satisfies(identity -> assertThat(identity.privileged()).isTrue())
			.satisfies(identity -> assertThat(identity.policyKnown()).isFalse());
		assertThat(evaluated.access()).allSatisfy(access -> assertThat(access.assumed()).isTrue()).hasSize(2)
			.allSatisfy(access -> assertThat(access.reason()).contains("AdministratorAccess (group:Ops)"));
	}

	@Test
	void readOnlyPolicyThenOneBucketReadAndAnUnreadableBucketPolicyAssumed() {
		List<AwsAccessRules.Bucket> buckets = List.of(BUCKETS.get(0), BUCKETS.get(1),
				new AwsAccessRules.Bucket(3, "acme-secret-exports", null, false));

		AwsAccessRules.Evaluated evaluated = AwsAccessRules.evaluate(ACCOUNT,
				List.of(user("Alice", "[{\"kind\":\"inline\",\"via\":\"user\",\"name\":\"read-invoices\",\"document\":"
						+ READ_INVOICES + "}]")),
				buckets);

		assertThat(evaluated.identities()).singleElement()
			.satisfies(identity -> assertThat(identity.privileged()).isFalse());
		assertThat(evaluated.access()).extracting(access -> access.assetId() + " " + access.level() + " " + access.assumed())
			.containsExactly("1 read false", "3 admin true");
		assertThat(evaluated.access().get(0).reason())
			.isEqualTo("read allowed, write not allowed by read-invoices (user)");
	}

	private static AwsAccessRules.User user(String name, String policies) {
		return new AwsAccessRules.User("arn:aws:iam::" + ACCOUNT + ":user/" + name, name, policies);
	}

}
