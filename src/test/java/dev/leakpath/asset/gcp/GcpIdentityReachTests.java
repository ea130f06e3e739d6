package dev.leakpath.asset.gcp;

import static dev.leakpath.asset.gcp.FakeCloudAsset.bucket;
import static dev.leakpath.asset.gcp.FakeCloudAsset.policy;
import static dev.leakpath.asset.gcp.FakeCloudAsset.project;
import static dev.leakpath.asset.gcp.FakeCloudAsset.serviceAccount;
import static dev.leakpath.asset.gcp.FakeCloudAsset.serviceAccountKey;
import static dev.leakpath.asset.gcp.FakeCloudAsset.sqlInstance;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A GCP service-account key leaked in a repository (GitHub's {@code google_cloud_service_account_credentials}
 * alert, whose secret is the key file) reaches what its service account may access, as the inventory read it from
 * Cloud Asset Inventory as WireMock plays it ({@link FakeCloudAsset}): etl-runner may write one bucket
 * ({@code roles/storage.objectAdmin} on it), reporter may read another ({@code roles/storage.objectViewer}), and
 * ci-deployer is {@code roles/editor} of the project.
 */
class GcpIdentityReachTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

	private static final String ETL = "etl-runner@leakpath-test.iam.gserviceaccount.com";

	private static final String REPORTER = "reporter@leakpath-test.iam.gserviceaccount.com";

	private static final String DEPLOYER = "ci-deployer@leakpath-test.iam.gserviceaccount.com";

	private static final String ETL_KEY = "8f2b6c1d9e0a4b3c7d5e6f708192a3b4c5d6e7f8";

	private static final String REPORTER_KEY = "2b7e151628aed2a6abf7158809cf4f3c762e7160";

	private static final String DEPLOYER_KEY = "1a2b3c4d5e6f708192a3b4c5d6e7f80912345678";

	private final FakeCloudAsset cloudAsset = new FakeCloudAsset(github.server());

	private final TestOrganization org = new TestOrganization();

	@Autowired
	private GcpInventory inventory;

	@Autowired
	private SyncService sync;

	@BeforeEach
	void serveProject() {
		cloudAsset.token();
		cloudAsset.policies(List.of(List.of(
				policy("//storage.googleapis.com/leakpath-exports", "storage.googleapis.com/Bucket",
						new String[] { "roles/storage.objectAdmin", "serviceAccount:" + ETL }),
				policy("//storage.googleapis.com/leakpath-reports", "storage.googleapis.com/Bucket",
						new String[] { "roles/storage.objectViewer", "serviceAccount:" + REPORTER }),
				policy("//cloudresourcemanager.googleapis.com/projects/leakpath-test",
						"cloudresourcemanager.googleapis.com/Project",
						new String[] { "roles/editor", "serviceAccount:" + DEPLOYER },
						new String[] { "roles/owner", "user:mike@example.com" }))));
		cloudAsset.resources(List.of(List.of(project(), bucket("leakpath-exports"), bucket("leakpath-reports"),
				bucket("leakpath-backups"), sqlInstance("orders-db", "34.122.10.20"),
				serviceAccount(ETL, "104928375610293847561"), serviceAccountKey("104928375610293847561", ETL_KEY),
				serviceAccount(REPORTER, "104928375610293847562"),
				serviceAccountKey("104928375610293847562", REPORTER_KEY),
				serviceAccount(DEPLOYER, "104928375610293847563"),
				serviceAccountKey("104928375610293847563", DEPLOYER_KEY))));
	}

	@Test
	void keyWhoseAccountMayWriteOneBucketThenItReachesThatBucketAlone() {
		leak(ETL_KEY, REPORTER_KEY);

		inventory.refresh().block();
		awaitGraphRecomputed();

		assertThat(reach(ETL_KEY)).containsExactly("leakpath-exports|write|false");
		assertThat(reach(REPORTER_KEY)).containsExactly("leakpath-reports|read|false");
		assertThat(paths(ETL_KEY)).containsExactly("github-gcp-key-writes-storage-bucket|leakpath-exports");
		assertThat(paths(REPORTER_KEY)).containsExactly("github-gcp-key-reads-storage-bucket|leakpath-reports");
		assertThat(access(DEPLOYER)).as("roles/editor on the project writes every resource below it")
			.containsExactly("leakpath-backups|admin|false", "leakpath-exports|admin|false",
					"leakpath-reports|admin|false", "orders-db|admin|false");
		assertThat(postgres.rows("select i.name, i.kind, i.scope_id, cast(i.privileged as text), "
				+ "cast(i.policy_known as text), c.status, i.source from identity i "
				+ "join identity_credential c on c.identity_id = i.id order by i.name"))
			.containsExactly(DEPLOYER + "|gcp_service_account|leakpath-test|true|true|Enabled|gcp:projects/leakpath-test:iam",
					ETL + "|gcp_service_account|leakpath-test|false|true|Enabled|gcp:projects/leakpath-test:iam",
					REPORTER + "|gcp_service_account|leakpath-test|false|true|Enabled|gcp:projects/leakpath-test:iam");
		assertThat(postgres.rows("select a.reason from identity_access a join identity i on i.id = a.identity_id "
				+ "where i.name = '" + ETL + "'"))
			.containsExactly("read allowed, write allowed by roles/storage.objectAdmin on "
					+ "//storage.googleapis.com/leakpath-exports");
	}

	@Test
	void identityPathThenItsGraphHasTheServiceAccountHop() {
		leak(ETL_KEY);
		inventory.refresh().block();
		awaitGraphRecomputed();
		long id = Long.parseLong(postgres.rows("select p.id from attack_path p where p.status = 'open' "
				+ "and p.rule_id = 'github-gcp-key-writes-storage-bucket'").get(0));

		JsonNode path = getJson("/api/v1/attack-paths/" + id);

		assertThat(path.get("path").get("rule").get("name").asText()).isEqualTo(
				"GitHub repository contains an exposed GCP service-account key whose service account can write to a "
						+ "Cloud Storage bucket");
		JsonNode identity = path.get("nodes").findParents("family").stream()
			.filter(node -> node.get("family").asText().equals("identity")).findFirst().orElseThrow();
		assertThat(identity.get("label").asText()).isEqualTo(ETL);
		assertThat(identity.get("properties").get("accessLevel").asText()).isEqualTo("write");
		List<String> edges = new ArrayList<>();
		path.get("edges").forEach(edge -> edges.add(edge.get("kind").asText() + " " + edge.get("target").asText()));
		assertThat(edges).contains("authenticatesAs " + identity.get("id").asText())
			.anyMatch(edge -> edge.startsWith("canAccess asset:"));
	}

	@Test
	void iamPoliciesRefusedThenTheKeyReachesEveryResourceOfTheScopeAssumed() {
		// "Errors" (cloud.google.com/apis/design/errors): PERMISSION_DENIED without cloudasset.assets.searchAllIamPolicies
		ObjectNode denied = JsonNodeFactory.instance.objectNode();
		denied.putObject("error").put("code", 403).put("message", "The caller does not have permission")
			.put("status", "PERMISSION_DENIED");
		github.server().stubFor(FakeCloudAsset.pageRequest(FakeCloudAsset.POLICIES, 0).atPriority(1)
			.willReturn(FakeGitHub.json(403, denied)));
		leak(ETL_KEY);

		inventory.refresh().block();
		awaitGraphRecomputed();

		assertThat(reach(ETL_KEY)).containsExactly("leakpath-backups|admin|true", "leakpath-exports|admin|true",
				"leakpath-reports|admin|true", "orders-db|admin|true");
		assertThat(paths(ETL_KEY)).containsExactly("github-secret-to-cloud-storage-bucket|leakpath-backups",
				"github-secret-to-cloud-storage-bucket|leakpath-exports",
				"github-secret-to-cloud-storage-bucket|leakpath-reports", "github-secret-to-cloud-resource|orders-db");
		assertThat(postgres.rows("select cast(policy_known as text) from identity where name = '" + ETL + "'"))
			.containsExactly("false");
	}

	private void leak(String... keyIds) {
		List<ObjectNode> alerts = new ArrayList<>();
		for (int index = 0; index < keyIds.length; index++) {
			alerts.add(org.alert("api", index + 1, "google_cloud_service_account_credentials", "open",
					NOW.minusSeconds(index), keyFile(keyIds[index])));
		}
		github.alertPages(ORG, List.of(alerts), null);
		sync.run("test").block();
	}

	/** A key file as IAM writes it ("Create and delete service account keys"), with a fake private key. */
	private static String keyFile(String keyId) {
		String email = keyId.equals(ETL_KEY) ? ETL : keyId.equals(REPORTER_KEY) ? REPORTER : DEPLOYER;
		return """
				{"type": "service_account", "project_id": "leakpath-test", "private_key_id": "%s",
				 "private_key": "-----BEGIN PRIVATE KEY-----\\nFAKETESTKEY\\n-----END PRIVATE KEY-----\\n",
				 "client_email": "%s", "token_uri": "https://oauth2.googleapis.com/token"}""".formatted(keyId, email);
	}

	/** What the service account may access, as identity_access holds it: resource, access level, assumed. */
	private List<String> access(String email) {
		return postgres.rows("select t.name, a.access_level, cast(a.assumed as text) from identity_access a "
				+ "join identity i on i.id = a.identity_id join asset t on t.id = a.asset_id where i.name = '" + email
				+ "' order by t.name");
	}

	/** The resources the key's secret reaches: name, access level, assumed. */
	private List<String> reach(String keyId) {
		return postgres.rows("select t.name, coalesce(t.access_level, ''), cast(t.assumed as text) "
				+ "from graph_secret_target t join secret s on s.id = t.secret_id where s.target_key_fingerprint = "
				+ fingerprint(keyId) + " order by t.name");
	}

	/** The key's open paths to a resource. */
	private List<String> paths(String keyId) {
		return postgres.rows("select p.rule_id, p.target_name from attack_path p join secret s on s.id = p.secret_id "
				+ "where p.status = 'open' and p.target_key <> '' and s.target_key_fingerprint = " + fingerprint(keyId)
				+ " order by p.target_name");
	}

	/** The contract's fingerprint, written in SQL: the test checks the resolver computes the same. */
	private static String fingerprint(String keyId) {
		return "'sha256:' || encode(sha256(convert_to('" + keyId + "', 'UTF8')), 'hex')";
	}

}
