package dev.leakpath.asset.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.leakpath.asset.aws.FakeAws.action;
import static dev.leakpath.asset.aws.FakeAws.xml;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.leakpath.asset.AssetInventory;
import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

/** Which account is read with which credentials: a role assumed per account, or the default credentials' own. */
class AwsAccountsTests extends IntegrationTest {

	private static final String STS = "https://sts.amazonaws.com/doc/2011-06-15/";

	private final FakeAws aws = new FakeAws(github.server());

	@Autowired
	private AwsInventoryProperties properties;

	@Autowired
	private AssetInventory assets;

	@Autowired
	private AwsIdentityStore identities;

	@Autowired
	private AwsAccessEvaluation access;

	private AwsClients clients;

	@BeforeAll
	static void credentials() {
		System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
		System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
	}

	@AfterEach
	void closeClients() {
		if (clients != null) {
			clients.destroy();
		}
	}

	@Test
	void refreshWhenAnAccountNamesARoleThenItIsReadWithTheRolesTemporaryCredentials() {
		aws.everything();
		// AssumeRole example (STS/latest/APIReference/API_AssumeRole.html), expiring in an hour
		github.server().stubFor(action("AssumeRole").withRequestBody(containing(
				"RoleArn=arn%3Aaws%3Aiam%3A%3A210987654321%3Arole%2Fleakpath-inventory")).willReturn(xml(200, """
						<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
						  <AssumeRoleResult>
						    <AssumedRoleUser>
						      <Arn>arn:aws:sts::210987654321:assumed-role/leakpath-inventory/leakpath-inventory</Arn>
						      <AssumedRoleId>ARO123EXAMPLE123:leakpath-inventory</AssumedRoleId>
						    </AssumedRoleUser>
						    <Credentials>
						      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
						      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
						      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==</SessionToken>
						      <Expiration>%s</Expiration>
						    </Credentials>
						    <PackedPolicySize>6</PackedPolicySize>
						  </AssumeRoleResult>
						  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
						</AssumeRoleResponse>
						""".formatted(Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)))));

		AwsRefresh refresh = inventory(new AwsInventoryProperties.Account("210987654321",
				"arn:aws:iam::210987654321:role/leakpath-inventory", "acme-external-id")).refresh().block();

		assertThat(refresh.failures()).isEmpty();
		assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo("/"))
			.withRequestBody(containing("Action=AssumeRole&"))
			.withRequestBody(containing("RoleSessionName=leakpath-inventory"))
			.withRequestBody(containing("ExternalId=acme-external-id"))
			.withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/.*")))).hasSize(1);
		assertThat(github.server().findAll(getRequestedFor(urlPathEqualTo("/"))
			.withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=ASIAIOSFODNN7EXAMPLE/.*"))
			.withHeader("X-Amz-Security-Token", matching("AQoDYXdzEPT.*")))).hasSize(2);
		assertThat(postgres.rows("select distinct account_id, source from asset where resource_type = 'AWS::S3::Bucket'"))
			.containsExactly("210987654321|aws:210987654321:s3");
		assertThat(postgres.rows("select distinct account_id from aws_iam_user")).containsExactly("210987654321");
	}

	@Test
	void refreshWhenNoAccountIsNamedThenTheDefaultCredentialsOwnAccountIsRead() {
		aws.everything();
		// GetCallerIdentity example (STS/latest/APIReference/API_GetCallerIdentity.html)
		github.server().stubFor(action("GetCallerIdentity").willReturn(xml(200, """
				<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
				  <GetCallerIdentityResult>
				    <Arn>arn:aws:iam::123456789012:user/leakpath</Arn>
				    <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
				    <Account>123456789012</Account>
				  </GetCallerIdentityResult>
				  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
				</GetCallerIdentityResponse>
				""")));

		AwsRefresh refresh = inventory().refresh().block();

		assertThat(refresh.failures()).isEmpty();
		assertThat(refresh.assets()).isEqualTo(9);
		assertThat(postgres.rows("select distinct account_id from asset")).containsExactly("123456789012");
		assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo("/"))
			.withRequestBody(containing("Action=AssumeRole&")))).isEmpty();
		assertThat(aws.requests("GetCallerIdentity")).isEqualTo(1);
	}

	/** The application's inventory with other accounts: the same classes, settings but for the accounts. */
	private AwsInventory inventory(AwsInventoryProperties.Account... accounts) {
		AwsInventoryProperties settings = new AwsInventoryProperties(true, properties.regions(), List.of(accounts),
				properties.interval(), properties.initialDelay(), properties.endpointUrl(), properties.timeout(),
				properties.attemptTimeout(), properties.retry());
		clients = new AwsClients(settings);
		return new AwsInventory(settings, clients, assets, identities, access);
	}

}
