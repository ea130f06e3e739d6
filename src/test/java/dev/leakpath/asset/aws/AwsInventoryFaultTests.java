package dev.leakpath.asset.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.leakpath.asset.aws.FakeAws.action;
import static dev.leakpath.asset.aws.FakeAws.ec2Error;
import static dev.leakpath.asset.aws.FakeAws.queryError;
import static dev.leakpath.asset.aws.FakeAws.s3Error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * What AWS does when it does not simply answer: throttling, a permission missing for one service, silence. The
 * tests run with four quick attempts and a one-second attempt timeout (see {@code ApplicationTest}).
 */
class AwsInventoryFaultTests extends IntegrationTest {

	private final FakeAws aws = new FakeAws(github.server());

	@Autowired
	private AwsInventory inventory;

	@BeforeAll
	static void credentials() {
		System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
		System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
	}

	/** The stored inventory the failures below must leave alone. */
	@BeforeEach
	void storedInventory() {
		aws.everything();
		inventory.refresh().block();
		github.reset();
		aws.everything();
	}

	@Test
	void refreshWhenS3AndIamThrottleThenTheCallsAreRetriedAndEverythingIsRead() {
		// S3 answers 503 SlowDown (AmazonS3/latest/API/ErrorResponses.html); IAM 400 Throttling
		github.server().stubFor(FakeAws.listBuckets().atPriority(1).inScenario("slow-down").whenScenarioStateIs(STARTED)
			.willSetStateTo("calm").willReturn(s3Error(503, "SlowDown", "Please reduce your request rate.")));
		github.server().stubFor(action("GetAccountAuthorizationDetails").atPriority(1).inScenario("throttling")
			.whenScenarioStateIs(STARTED).willSetStateTo("calm")
			.willReturn(queryError(400, FakeAws.IAM, "Throttling", "Rate exceeded")));

		AwsRefresh refresh = inventory.refresh().block();

		assertThat(refresh.failures()).isEmpty();
		assertThat(refresh.assets()).isEqualTo(9);
		assertThat(refresh.users()).isEqualTo(2);
		// the throttled first page asked for again, then the second page
		assertThat(aws.listBucketsRequests()).isEqualTo(3);
		assertThat(aws.requests("GetAccountAuthorizationDetails")).isEqualTo(3);
	}

	@Test
	void refreshWhenEc2AndIamRefuseThePermissionThenTheOthersAreReadAndTheirStoredDataStays() {
		github.server().stubFor(action("DescribeKeyPairs").atPriority(1).willReturn(ec2Error(403, "UnauthorizedOperation",
				"You are not authorized to perform this operation.")));
		github.server().stubFor(action("GetAccountAuthorizationDetails").atPriority(1).willReturn(queryError(403,
				FakeAws.IAM, "AccessDenied", "User: arn:aws:iam::123456789012:user/leakpath is not authorized to perform: "
						+ "iam:GetAccountAuthorizationDetails")));
		// a bucket went away: S3's read still replaces its source
		github.server().stubFor(get(urlPathEqualTo("/")).atPriority(1).willReturn(FakeAws.xml(200, """
				<?xml version="1.0" encoding="UTF-8"?>
				<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
				  <Buckets>
				    <Bucket>
				      <CreationDate>2020-01-02T10:00:00+00:00</CreationDate>
				      <Name>acme-logs</Name>
				      <BucketRegion>us-east-1</BucketRegion>
				    </Bucket>
				  </Buckets>
				  <Owner><DisplayName>acme-ops</DisplayName><ID>79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be</ID></Owner>
				</ListAllMyBucketsResult>
				""")));

		AwsRefresh refresh = inventory.refresh().block();

		assertThat(refresh.failures()).hasSize(2)
			.anySatisfy(failure -> assertThat(failure).startsWith("EC2 123456789012:us-east-1:ec2")
				.contains("UnauthorizedOperation"))
			.anySatisfy(failure -> assertThat(failure).startsWith("IAM 123456789012").contains("AccessDenied"));
		// refused, not retried
		assertThat(aws.requests("DescribeKeyPairs")).isEqualTo(1);
		assertThat(aws.requests("GetAccountAuthorizationDetails")).isEqualTo(1);
		assertThat(postgres.rows("select name from asset where resource_type = 'AWS::S3::Bucket'"))
			.containsExactly("acme-logs");
		assertThat(postgres.count("select count(*) from asset where resource_type = 'AWS::EC2::Instance'")).isEqualTo(2);
		assertThat(postgres.count("select count(*) from asset where resource_type like 'AWS::R%'")).isEqualTo(4);
		assertThat(postgres.count("select count(*) from aws_access_key")).isEqualTo(2);
	}

	@Test
	void refreshWhenRdsKeepsFailingThenItGivesUpAfterItsAttemptsAndTheStoredDatabasesStay() {
		github.server().stubFor(action("DescribeDBInstances").atPriority(1)
			.willReturn(queryError(500, "http://rds.amazonaws.com/doc/2014-10-31/", "InternalFailure",
					"The request processing has failed because of an unknown error.")));

		AwsRefresh refresh = inventory.refresh().block();

		assertThat(refresh.failures()).singleElement().asString().startsWith("RDS 123456789012:us-east-1:rds");
		assertThat(aws.requests("DescribeDBInstances")).isEqualTo(4);
		assertThat(postgres.count("select count(*) from asset where resource_type like 'AWS::RDS::%'")).isEqualTo(3);
	}

	@Test
	void refreshWhenACallDoesNotAnswerInTimeThenItIsAskedForAgain() {
		github.server().stubFor(action("DescribeClusters").atPriority(1).inScenario("stall").whenScenarioStateIs(STARTED)
			.willSetStateTo("answering").willReturn(FakeAws.xml(200, "<DescribeClustersResponse/>").withFixedDelay(3_000)));

		AwsRefresh refresh = inventory.refresh().block();

		assertThat(refresh.failures()).isEmpty();
		assertThat(aws.requests("DescribeClusters")).isEqualTo(2);
		assertThat(postgres.rows("select name from asset where resource_type = 'AWS::Redshift::Cluster'"))
			.containsExactly("examplecluster");
	}

}
