package dev.leakpath.asset.aws;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * An AWS access key leaked in a repository (GitHub's {@code aws_access_key_id} alert, whose secret is the key id)
 * reaches what its IAM user may access, as the inventory read it from AWS as WireMock plays it ({@link FakeAws}):
 * Alice's inline policy reads one bucket; Bob's group policy allows {@code s3:*}.
 */
class AwsIdentityReachTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

	/** Alice's key in FakeAws (IAM API reference's example key id). */
	private static final String ALICE_KEY = "AKIAIOSFODNN7EXAMPLE";

	/** A new-generation key id that carries account 123456789012 and is none of its users' keys. */
	private static final String UNKNOWN_KEY = "AKIARZPUZDIKAAEXAMPL";

	private final FakeAws aws = new FakeAws(github.server());

	private final TestOrganization org = new TestOrganization();

	@Autowired
	private AwsInventory inventory;

	@Autowired
	private SyncService sync;

	@BeforeAll
	static void credentials() {
		System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
		System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
	}

	@Test
	void keyWhoseUserMayReadOneBucketThenItReachesThatBucketAlone() {
		aws.everything();
		leak(ALICE_KEY);

		inventory.refresh().block();
		awaitGraphRecomputed();

		assertThat(reach(ALICE_KEY)).containsExactly("acme-invoices|read|false");
		assertThat(access("Bob")).containsExactly("acme-invoices|write|false", "acme-logs|write|false",
				"acme-public-assets|write|false");
		assertThat(postgres.rows("select i.name, i.kind, i.scope_id, cast(i.privileged as text), cast(i.policy_known as text), c.status "
				+ "from identity i join identity_credential c on c.identity_id = i.id order by i.name"))
			.containsExactly("Alice|aws_iam_user|123456789012|false|true|Active",
					"Bob|aws_iam_user|123456789012|false|true|Inactive");
		assertThat(paths(ALICE_KEY)).containsExactly("github-aws-key-reads-s3-bucket|acme-invoices");
	}

	@Test
	void identityPathThenItsGraphHasTheIdentityHopAndTheExplorerFollowsIt() {
		aws.everything();
		leak(ALICE_KEY);
		inventory.refresh().block();
		awaitGraphRecomputed();
		long id = Long.parseLong(postgres.rows("select p.id from attack_path p where p.status = 'open' "
				+ "and p.rule_id = 'github-aws-key-reads-s3-bucket'").get(0));

		JsonNode path = getJson("/api/v1/attack-paths/" + id);

		assertThat(path.get("path").get("rule").get("name").asText())
			.isEqualTo("GitHub repository contains an exposed AWS access key whose IAM user can read an S3 bucket");
		JsonNode identity = path.get("nodes").findParents("family").stream()
			.filter(node -> node.get("family").asText().equals("identity")).findFirst().orElseThrow();
		assertThat(identity.get("label").asText()).isEqualTo("Alice");
		assertThat(identity.get("properties").get("accessLevel").asText()).isEqualTo("read");
		List<String> edges = new ArrayList<>();
		path.get("edges").forEach(edge -> edges.add(edge.get("kind").asText() + " " + edge.get("target").asText()));
		assertThat(edges).contains("authenticatesAs " + identity.get("id").asText())
			.noneMatch(edge -> edge.startsWith("canAuthenticateTo"))
			.anyMatch(edge -> edge.startsWith("canAccess asset:"));
		JsonNode explored = web.post().uri("/api/v1/explorer/query").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.contentType(MediaType.APPLICATION_JSON).bodyValue("""
					{"source": {"family": "identity", "conditions": [
					   {"property": "privileged", "operator": "equals", "value": false}],
					 "connections": [{"edge": "canAccess", "target": {"family": "cloudResource"}},
					   {"edge": "authenticatesAs", "direction": "incoming", "target": {"family": "secret"}}]}}""")
			.exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(explored.get("items").findValuesAsText("label")).containsExactly("Alice");
		assertThat(explored.get("nodes").findValuesAsText("label")).contains("acme-invoices");
	}

	@Test
	void keyOfNoKnownUserThenItReachesTheAccountsBucketsAssumed() {
		aws.everything();
		leak(UNKNOWN_KEY);

		inventory.refresh().block();
		awaitGraphRecomputed();

		assertThat(reach(UNKNOWN_KEY)).containsExactly("acme-invoices||true", "acme-logs||true",
				"acme-public-assets||true");
		assertThat(paths(UNKNOWN_KEY)).containsExactly("github-secret-to-s3-bucket|acme-invoices",
				"github-secret-to-s3-bucket|acme-logs", "github-secret-to-s3-bucket|acme-public-assets");
	}

	@Test
	void authorizationDetailsRefusedThenAKeyWithANewGenerationIdReachesItsAccountsBucketsAssumed() {
		aws.everything();
		github.server().stubFor(FakeAws.action("GetAccountAuthorizationDetails").atPriority(1)
			.willReturn(FakeAws.queryError(403, FakeAws.IAM, "AccessDenied",
					"User is not authorized to perform: iam:GetAccountAuthorizationDetails")));
		leak(UNKNOWN_KEY);

		AwsRefresh refresh = inventory.refresh().block();
		awaitGraphRecomputed();

		assertThat(refresh.failures()).anySatisfy(failure -> assertThat(failure).startsWith("IAM 123456789012"));
		assertThat(reach(UNKNOWN_KEY)).hasSize(3).allSatisfy(row -> assertThat(row).endsWith("||true"));
	}

	@Test
	void bucketPolicyDeniesTheUserThenItsPathIsResolvedExplicitDenyWinningOverItsAllow() {
		aws.everything();
		leak(ALICE_KEY);
		inventory.refresh().block();
		awaitGraphRecomputed();
		assertThat(paths(ALICE_KEY)).hasSize(1);
		// "Deny" example of the S3 User Guide's bucket policy examples, naming the user
		aws.bucketPolicy("acme-invoices", """
				{"Version":"2012-10-17","Statement":[{"Sid":"DenyAlice","Effect":"Deny",\
				"Principal":{"AWS":"arn:aws:iam::123456789012:user/Alice"},"Action":["s3:GetObject","s3:ListBucket"],\
				"Resource":["arn:aws:s3:::acme-invoices","arn:aws:s3:::acme-invoices/*"]}]}""");

		inventory.refresh().block();
		awaitGraphRecomputed();

		assertThat(reach(ALICE_KEY)).isEmpty();
		assertThat(paths(ALICE_KEY)).isEmpty();
		assertThat(postgres.rows("select p.resolution from attack_path p join secret s on s.id = p.secret_id "
				+ "where p.status = 'resolved' and p.target_key <> '' and s.target_key_fingerprint = " + fingerprint(ALICE_KEY)))
			.containsExactly("secret no longer reaches the target");
		assertThat(access("Alice")).isEmpty();
		assertThat(access("Bob")).as("the deny names Alice alone").contains("acme-invoices|write|false");
	}

	private void leak(String... keys) {
		List<ObjectNode> alerts = new ArrayList<>();
		for (int index = 0; index < keys.length; index++) {
			alerts.add(org.alert("api", index + 1, "aws_access_key_id", "open", NOW.minusSeconds(index), keys[index]));
		}
		github.alertPages(ORG, List.of(alerts), null);
		sync.run("test").block();
	}

	/** What the IAM user may access, as identity_access holds it: bucket, access level, assumed. */
	private List<String> access(String user) {
		return postgres.rows("select t.name, a.access_level, cast(a.assumed as text) from identity_access a "
				+ "join identity i on i.id = a.identity_id join asset t on t.id = a.asset_id where i.name = '" + user
				+ "' order by t.name");
	}

	/** The buckets the key's secret reaches: name, access level, assumed. */
	private List<String> reach(String key) {
		return postgres.rows("select t.name, coalesce(t.access_level, ''), cast(t.assumed as text) from graph_secret_target t "
				+ "join secret s on s.id = t.secret_id where s.target_key_fingerprint = " + fingerprint(key)
				+ " order by t.name");
	}

	/** The key's open paths to a resource (its public repository also has a plaintext-secret path when it reaches none). */
	private List<String> paths(String key) {
		return postgres.rows("select p.rule_id, p.target_name from attack_path p join secret s on s.id = p.secret_id "
				+ "where p.status = 'open' and p.target_key <> '' and s.target_key_fingerprint = " + fingerprint(key) + " order by p.target_name");
	}

	/** The contract's fingerprint, written in SQL: the test checks the Java side (AwsKeys) computes the same. */
	private static String fingerprint(String key) {
		return "'sha256:' || encode(sha256(convert_to('" + key + "', 'UTF8')), 'hex')";
	}

}
