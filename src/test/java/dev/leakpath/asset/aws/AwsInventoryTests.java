package dev.leakpath.asset.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

/** The AWS inventory read through the SDK against AWS as WireMock plays it ({@link FakeAws}), signed and paged. */
class AwsInventoryTests extends IntegrationTest {

	private final FakeAws aws = new FakeAws(github.server());

	@Autowired
	private AwsInventory inventory;

	/** The first link of the SDK's default credentials chain: its system properties. */
	@BeforeAll
	static void credentials() {
		System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
		System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
	}

	@Test
	void refreshThenEveryServiceIsReadPageByPageAndStoredAsAssets() {
		aws.everything();

		AwsRefresh refresh = inventory.refresh().block();

		assertThat(refresh.failures()).isEmpty();
		assertThat(refresh.assets()).isEqualTo(9);
		assertThat(postgres.rows("select resource_type, provider_id, name, array_to_string(hosts, ' '), "
				+ "coalesce(region, ''), account_id, coalesce(cast(internet_exposed as text), '?'), "
				+ "array_to_string(ssh_key_fingerprints, ' '), source from asset order by provider_id"))
			.containsExactly(
					"AWS::EC2::Instance|arn:aws:ec2:us-east-1:123456789012:instance/i-0598c7d356eba48d7|i-0598c7d356eba48d7"
							+ "||us-east-1|123456789012|false||aws:123456789012:us-east-1:ec2",
					"AWS::EC2::Instance|arn:aws:ec2:us-east-1:123456789012:instance/i-1234567890abcdef0|bastion"
							+ "|54.194.252.215 ec2-54-194-252-215.compute-1.amazonaws.com|us-east-1|123456789012|true|"
							+ FakeAws.FINGERPRINT + "|aws:123456789012:us-east-1:ec2",
					"AWS::RDS::DBCluster|arn:aws:rds:us-east-1:123456789012:cluster:sample-cluster|sample-cluster"
							+ "|sample-cluster.cluster-cnpexample.us-east-1.rds.amazonaws.com "
							+ "sample-cluster.cluster-ro-cnpexample.us-east-1.rds.amazonaws.com|us-east-1|123456789012|?|"
							+ "|aws:123456789012:us-east-1:rds",
					"AWS::RDS::DBInstance|arn:aws:rds:us-east-1:123456789012:db:orders-db|orders-db"
							+ "|orders-db.cakgzxxxxexa.us-east-1.rds.amazonaws.com|us-east-1|123456789012|true|"
							+ "|aws:123456789012:us-east-1:rds",
					"AWS::RDS::DBInstance|arn:aws:rds:us-east-1:123456789012:db:reports-db|reports-db"
							+ "|reports-db.cakgzxxxxexa.us-east-1.rds.amazonaws.com|us-east-1|123456789012|false|"
							+ "|aws:123456789012:us-east-1:rds",
					"AWS::Redshift::Cluster|arn:aws:redshift:us-east-1:123456789012:cluster:examplecluster|examplecluster"
							+ "|examplecluster.cg034hpkmmjt.us-east-1.redshift.amazonaws.com|us-east-1|123456789012|false|"
							+ "|aws:123456789012:us-east-1:redshift",
					"AWS::S3::Bucket|arn:aws:s3:::acme-invoices|acme-invoices"
							+ "|acme-invoices.s3.amazonaws.com acme-invoices.s3.eu-west-1.amazonaws.com|eu-west-1"
							+ "|123456789012|false||aws:123456789012:s3",
					"AWS::S3::Bucket|arn:aws:s3:::acme-logs|acme-logs"
							+ "|acme-logs.s3.amazonaws.com acme-logs.s3.us-east-1.amazonaws.com|us-east-1"
							+ "|123456789012|false||aws:123456789012:s3",
					"AWS::S3::Bucket|arn:aws:s3:::acme-public-assets|acme-public-assets"
							+ "|acme-public-assets.s3.amazonaws.com acme-public-assets.s3.us-east-1.amazonaws.com|us-east-1"
							+ "|123456789012|true||aws:123456789012:s3");
		// real SigV4 signatures from the SDK's default chain
		assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo("/")).withHeader("Authorization",
				matching("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/\\d{8}/us-east-1/ec2/aws4_request, .*"))))
			.isNotEmpty();
		assertThat(aws.listBucketsRequests()).isEqualTo(2);
	}

	@Test
	void refreshThenIamUsersAreStoredWithTheirAccessKeysAndDecodedPolicies() {
		aws.everything();

		AwsRefresh refresh = inventory.refresh().block();

		assertThat(refresh.users()).isEqualTo(2);
		// by the fingerprint of their id: the id is the secret of an aws_access_key_id alert, never stored
		assertThat(postgres.rows("select k.status, u.user_name, u.account_id from aws_access_key k "
				+ "join aws_iam_user u on u.arn = k.user_arn where k.key_fingerprint in ("
				+ "'sha256:' || encode(sha256(convert_to('AKIAI44QH8DHBEXAMPLE', 'UTF8')), 'hex'), "
				+ "'sha256:' || encode(sha256(convert_to('AKIAIOSFODNN7EXAMPLE', 'UTF8')), 'hex')) order by u.user_name"))
			.containsExactly("Active|Alice|123456789012", "Inactive|Bob|123456789012");
		assertThat(postgres.dumpAllTables()).doesNotContain("AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE");
		assertThat(postgres.rows("select user_name, p ->> 'kind', p ->> 'via', p ->> 'name', "
				+ "p -> 'document' -> 'Statement' -> 0 ->> 'Action', p -> 'document' -> 'Statement' -> 0 ->> 'Resource' "
				+ "from aws_iam_user, jsonb_array_elements(policies) p order by user_name"))
			.containsExactly("Alice|inline|user|read-invoices|s3:GetObject|arn:aws:s3:::acme-invoices/*",
					"Bob|managed|group:Ops|s3-everything|s3:*|*");
		assertThat(aws.requests("GetAccountAuthorizationDetails")).isEqualTo(2);
	}

	@Test
	void refreshWhenAUserIsGoneThenItAndItsKeysAreRemoved() {
		aws.everything();
		inventory.refresh().block();
		github.server().stubFor(FakeAws.action("GetAccountAuthorizationDetails").atPriority(1)
			.willReturn(FakeAws.xml(200, """
					<GetAccountAuthorizationDetailsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
					  <GetAccountAuthorizationDetailsResult>
					    <IsTruncated>false</IsTruncated>
					    <UserDetailList/>
					    <GroupDetailList/>
					    <Policies/>
					  </GetAccountAuthorizationDetailsResult>
					  <ResponseMetadata><RequestId>92e79ae7-7399-11e4-8c85-4b53eEXAMPLE</RequestId></ResponseMetadata>
					</GetAccountAuthorizationDetailsResponse>
					""")));

		inventory.refresh().block();

		assertThat(postgres.count("select count(*) from aws_iam_user")).isZero();
		assertThat(postgres.count("select count(*) from aws_access_key")).isZero();
		assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo("/"))
			.withRequestBody(containing("Action=ListAccessKeys&")))).hasSize(2);
	}

}
