package dev.leakpath.asset.azure;

import static dev.leakpath.asset.azure.FakeResourceGraph.CONTRIBUTOR;
import static dev.leakpath.asset.azure.FakeResourceGraph.SUBSCRIPTION;
import static dev.leakpath.asset.azure.FakeResourceGraph.contributor;
import static dev.leakpath.asset.azure.FakeResourceGraph.roleAssignment;
import static dev.leakpath.asset.azure.FakeResourceGraph.storage;
import static dev.leakpath.asset.azure.FakeResourceGraph.vault;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * An Entra application secret (its context names the client id) whose service principal holds Contributor on one
 * resource group: Resource Graph lists the assets and the role assignment, Microsoft Graph the principal, and the
 * secret reaches that group's resources and no other.
 */
class AzureIdentityReachTests extends IntegrationTest {

	private static final String OBJECT_ID = "3f2b9c1e-0000-4000-8000-0000000000b1";

	private static final String APP_ID = "9a8b7c6d-0000-4000-8000-0000000000c2";

	private static final String PROD = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/prod";

	private final FakeResourceGraph resourceGraphApi = new FakeResourceGraph(github.server());

	/** Made up, of the identifiable client secret's shape ({@code [\w~.]{3}\dQ~[\w~.-]{31,34}}). */
	private static final String CLIENT_SECRET = "Xy38Q~notARealSecretJustTheShape.0123456";

	@Autowired
	private ResourceGraphInventory resourceGraph;

	@Autowired
	private SyncService sync;

	@BeforeEach
	void inventory() {
		resourceGraphApi.token();
		ObjectNode devVault = vault("dev-kv");
		devVault.put("id", devVault.get("id").asText().replace("/resourceGroups/prod/", "/resourceGroups/dev/"));
		resourceGraphApi.pages(storage(), vault(), devVault);
		resourceGraphApi.rbac(List.of(roleAssignment("0a1b2c3d-0000-4000-8000-0000000000d3", OBJECT_ID, CONTRIBUTOR, PROD)),
				List.of(contributor()));
		postgres.execute("insert into secret (fingerprint, preview, secret_type, target_kind, target_cloud, "
				+ "target_resource_type, target_name, target_key_fingerprint) values ('test-entra-secret', '8Q~…', "
				+ "'azure_entra_client_secret', 'cloud_identity', 'azure', 'Microsoft.Entra/applications', '" + APP_ID
				+ "', '" + ResourceGraphIdentities.fingerprint(APP_ID) + "')");
	}

	@Test
	void refreshThenTheAppSecretReachesTheResourcesOfItsResourceGroupOnly() {
		resourceGraphApi.servicePrincipal(OBJECT_ID, APP_ID, "deploy-bot");

		resourceGraph.refresh().block();

		assertThat(postgres.rows("select kind, provider_id, scope_id, name, cast(privileged as text), "
				+ "cast(policy_known as text) from identity"))
			.containsExactly("entra_service_principal|" + APP_ID + "|test-tenant|deploy-bot|true|true");
		assertThat(postgres.rows("select app_id, display_name from azure_service_principal"))
			.containsExactly(APP_ID + "|deploy-bot");
		assertThat(postgres.rows("select role_name from azure_role_definition")).containsExactly("Contributor");
		assertThat(reach()).containsExactly("acmeprodstore|admin|false", "prod-kv|admin|false");
	}

	@Test
	void refreshWhenTheAssignmentIsRemovedThenTheIdentityGoesAndTheSecretReachesNothing() {
		resourceGraphApi.servicePrincipal(OBJECT_ID, APP_ID, "deploy-bot");
		resourceGraph.refresh().block();
		// the newest stub of the same priority answers: the tenant now has the definition and no assignment
		resourceGraphApi.rbac(List.of(), List.of(contributor()));

		resourceGraph.refresh().block();

		assertThat(postgres.rows("select count(*) from identity")).containsExactly("0");
		assertThat(postgres.rows("select count(*) from azure_role_assignment")).containsExactly("0");
		assertThat(reach()).isEmpty();
	}

	@Test
	void assignmentAtAManagementGroupAboveTheSubscriptionThenEveryResourceBelowIt() {
		String platform = "/providers/Microsoft.Management/managementGroups/platform";
		resourceGraphApi.rbac(List.of(roleAssignment("0a1b2c3d-0000-4000-8000-0000000000d4", OBJECT_ID, CONTRIBUTOR,
				platform)), List.of(contributor()));
		resourceGraphApi.servicePrincipal(OBJECT_ID, APP_ID, "deploy-bot");

		resourceGraphApi.subscriptionUnder("landing-zones", "test-tenant");
		resourceGraph.refresh().block();
		assertThat(reach()).as("platform is not above the subscription").isEmpty();

		resourceGraphApi.subscriptionUnder("landing-zones", "platform", "test-tenant");
		resourceGraph.refresh().block();
		assertThat(reach()).containsExactly("acmeprodstore|admin|false", "dev-kv|admin|false", "prod-kv|admin|false");
		assertThat(postgres.rows("select distinct a.reason from identity_access a"))
			.containsExactly("role assignment: Contributor on " + platform);
	}

	@Test
	void refreshWhenGraphRefusesThenAssignmentsStayAndNoSecretJoinsTheUnnamedPrincipal() {
		resourceGraphApi.graphRefuses();

		resourceGraph.refresh().block();

		assertThat(postgres.rows("select provider_id, cast(policy_known as text) from identity"))
			.containsExactly(OBJECT_ID + "|false");
		assertThat(postgres.rows("select t.name, a.access_level, cast(a.assumed as text) from identity_access a "
				+ "join asset t on t.id = a.asset_id order by t.name"))
			.containsExactly("acmeprodstore|admin|true", "prod-kv|admin|true");
		assertThat(postgres.rows("select count(*) from azure_role_assignment")).containsExactly("1");
		assertThat(reach()).isEmpty();
	}

	@Test
	void leakedClientSecretBesideItsClientIdThenPathsThroughTheServicePrincipalToWhatItsRoleReaches() {
		resourceGraphApi.servicePrincipal(OBJECT_ID, APP_ID, "deploy-bot");
		// GitHub's alert holds the secret alone; the file it is in (read as the blob) names the application
		ObjectNode alert = new TestOrganization().alert("api", 1, "azure_active_directory_application_secret", "open",
				Instant.parse("2026-12-01T09:00:00Z"), CLIENT_SECRET);
		github.alertPages(ORG, List.of(List.of(alert)), null);
		String file = "AZURE_TENANT_ID=test-tenant.onmicrosoft.com\nAZURE_CLIENT_ID=" + APP_ID
				+ "\nAZURE_CLIENT_SECRET=" + CLIENT_SECRET + "\n";
		github.server().stubFor(get(urlPathMatching("/repos/" + ORG + "/api/git/blobs/[0-9a-f]{40}"))
			.willReturn(FakeGitHub.json(200, GitHubPayloads.blob(file))));
		sync.run("test").block();

		resourceGraph.refresh().block();
		awaitGraphRecomputed();

		assertThat(postgres.rows("select p.rule_id, p.target_name from attack_path p join secret s on s.id = p.secret_id "
				+ "where p.status = 'open' and s.secret_type = 'azure_active_directory_application_secret' "
				+ "order by p.target_name"))
			.containsExactly("github-entra-app-writes-storage|acmeprodstore", "github-entra-app-writes-key-vault|prod-kv");
		long id = Long.parseLong(postgres.rows("select id from attack_path where status = 'open' "
				+ "and rule_id = 'github-entra-app-writes-storage'").get(0));
		JsonNode path = getJson("/api/v1/attack-paths/" + id);
		assertThat(path.get("path").get("rule").get("name").asText()).isEqualTo("GitHub repository contains an exposed "
				+ "Entra application credential whose service principal can write to a Storage Account");
		assertThat(path.get("path").get("riskFactors").toString()).contains("privileged");
		JsonNode identity = path.get("nodes").findParents("family").stream()
			.filter(node -> node.get("family").asText().equals("identity")).findFirst().orElseThrow();
		assertThat(identity.get("label").asText()).isEqualTo("deploy-bot");
		assertThat(identity.get("properties").get("reason").asText())
			.isEqualTo("role assignment: Contributor on " + PROD);
		List<String> edges = new ArrayList<>();
		path.get("edges").forEach(edge -> edges.add(edge.get("kind").asText() + " " + edge.get("target").asText()));
		assertThat(edges).contains("authenticatesAs " + identity.get("id").asText());
		JsonNode template = getJson("/api/v1/explorer/templates").get("items").findParents("id").stream()
			.filter(each -> each.get("id").asText().equals("repositories-with-credentials-of-privileged-identities"))
			.findFirst().orElseThrow();
		JsonNode privileged = web.post().uri("/api/v1/explorer/query").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(template.get("query").toString()).exchange()
			.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(privileged.get("items").findValuesAsText("label")).containsExactly(ORG + "/api");
		assertThat(privileged.findValuesAsText("label")).contains("deploy-bot", "acmeprodstore", "prod-kv");
		assertThat(postgres.dumpAllTables()).doesNotContain(CLIENT_SECRET).doesNotContain("AZURE_CLIENT_SECRET");
	}

	private List<String> reach() {
		return postgres.rows("select t.name, coalesce(t.access_level, ''), cast(t.assumed as text) "
				+ "from graph_secret_target t join secret s on s.id = t.secret_id "
				+ "where s.fingerprint = 'test-entra-secret' order by t.name");
	}

}
