package dev.leakpath.asset.azure;

import static dev.leakpath.asset.azure.FakeResourceGraph.CONTRIBUTOR;
import static dev.leakpath.asset.azure.FakeResourceGraph.SUBSCRIPTION;
import static dev.leakpath.asset.azure.FakeResourceGraph.contributor;
import static dev.leakpath.asset.azure.FakeResourceGraph.roleAssignment;
import static dev.leakpath.asset.azure.FakeResourceGraph.storage;
import static dev.leakpath.asset.azure.FakeResourceGraph.vault;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

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

	@Autowired
	private ResourceGraphInventory resourceGraph;

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

	private List<String> reach() {
		return postgres.rows("select t.name, coalesce(t.access_level, ''), cast(t.assumed as text) "
				+ "from graph_secret_target t join secret s on s.id = t.secret_id "
				+ "where s.fingerprint = 'test-entra-secret' order by t.name");
	}

}
