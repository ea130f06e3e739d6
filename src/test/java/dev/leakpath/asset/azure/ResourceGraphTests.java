package dev.leakpath.asset.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

/** Resource Graph as WireMock plays it: the Entra token endpoint, and two pages linked by {@code $skipToken}. */
class ResourceGraphTests extends IntegrationTest {

	private static final String RESOURCES = "/providers/Microsoft.ResourceGraph/resources";

	private static final String SUBSCRIPTION = "6e1f2a3b-0000-4000-8000-000000000001";

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	@Autowired
	private ResourceGraphInventory resourceGraph;

	@BeforeEach
	void token() {
		github.server().stubFor(post(urlPathEqualTo("/test-tenant/oauth2/v2.0/token"))
			.withRequestBody(containing("grant_type=client_credentials"))
			.withRequestBody(containing("client_id=test-rg-client"))
			.willReturn(FakeGitHub.json(200, JSON.objectNode().put("token_type", "Bearer").put("expires_in", 3599)
				.put("ext_expires_in", 3599).put("access_token", "rg-access-token"))));
	}

	@Test
	void refreshThenEveryPageIsReadWithTheTokenAndTheAssetsCarryTheirEndpoints() {
		pages(storage(), sqlServer(), vault());

		assertThat(resourceGraph.refresh().block()).isEqualTo(3);

		assertThat(postgres.rows("select name, array_to_string(hosts, ' '), internet_exposed, account_id, source "
				+ "from asset order by name"))
			.containsExactly("acmeprodstore|acmeprodstore.blob.core.windows.net acmeprodstore.file.core.windows.net|t|"
					+ SUBSCRIPTION + "|resource-graph",
					"orders-sql|orders-sql.database.windows.net|f|" + SUBSCRIPTION + "|resource-graph",
					"prod-kv|prod-kv.vault.azure.net|t|" + SUBSCRIPTION + "|resource-graph");
		assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(RESOURCES))
			.withHeader("Authorization", equalTo("Bearer rg-access-token")))).hasSize(2);
		assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(RESOURCES))
			.withRequestBody(containing("microsoft.storage/storageaccounts")))).hasSize(2);
	}

	@Test
	void refreshWhenAResourceIsGoneThenItsAssetIsRemovedAndTheTokenReused() {
		pages(storage(), sqlServer(), vault());
		resourceGraph.refresh().block();
		github.server().resetRequests();
		pages(storage(), sqlServer());

		resourceGraph.refresh().block();

		assertThat(postgres.rows("select name from asset order by name")).containsExactly("acmeprodstore", "orders-sql");
		assertThat(github.requests("/test-tenant/oauth2/v2.0/token")).isZero();
	}

	@Test
	void refreshWhenResourceGraphFailsThenTheStoredInventoryStays() {
		pages(storage(), sqlServer(), vault());
		resourceGraph.refresh().block();
		github.server().stubFor(post(urlPathEqualTo(RESOURCES)).atPriority(1)
			.willReturn(FakeGitHub.json(500, JSON.objectNode().put("error", "boom"))));

		assertThatThrownBy(() -> resourceGraph.refresh().block()).hasMessageContaining("Resource Graph answered 500");

		assertThat(postgres.count("select count(*) from asset")).isEqualTo(3);
	}

	@Test
	void refreshWhenAVmHasAPublicIpThenItsAddressAndNameAreHostsAndItIsExposed() {
		String vmId = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/prod/providers/Microsoft.Compute/virtualMachines/web-01";
		String nicId = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/prod/providers/Microsoft.Network/networkInterfaces/web-01-nic";
		ObjectNode nic = row("Microsoft.Network/networkInterfaces", "web-01-nic", "microsoft.network/networkinterfaces");
		((ObjectNode) nic.get("properties")).set("virtualMachine", JSON.objectNode().put("id", vmId));
		ObjectNode ip = row("Microsoft.Network/publicIPAddresses", "web-01-ip", "microsoft.network/publicipaddresses");
		((ObjectNode) ip.get("properties")).put("ipAddress", "20.50.60.70")
			.set("ipConfiguration", JSON.objectNode().put("id", nicId.toUpperCase() + "/ipConfigurations/ipconfig1"));
		((ObjectNode) ip.get("properties")).set("dnsSettings",
				JSON.objectNode().put("fqdn", "web-01.westeurope.cloudapp.azure.com"));
		pages(row("Microsoft.Compute/virtualMachines", "web-01", "microsoft.compute/virtualmachines"),
				row("Microsoft.Compute/virtualMachines", "batch-07", "microsoft.compute/virtualmachines"), nic, ip);

		assertThat(resourceGraph.refresh().block()).isEqualTo(2);

		assertThat(postgres.rows("select name, array_to_string(hosts, ' '), internet_exposed from asset order by name"))
			.containsExactly("batch-07||f", "web-01|20.50.60.70 web-01.westeurope.cloudapp.azure.com|t");
	}

	/** The first page holds all rows but the last, which the second page holds. */
	private void pages(ObjectNode... rows) {
		ArrayNode first = JSON.arrayNode();
		for (int index = 0; index < rows.length - 1; index++) {
			first.add(rows[index]);
		}
		github.server().stubFor(post(urlPathEqualTo(RESOURCES)).atPriority(5)
			.withRequestBody(notContaining("$skipToken"))
			.willReturn(FakeGitHub.json(200, JSON.objectNode().put("totalRecords", rows.length).put("count", rows.length - 1)
				.put("resultTruncated", "false").put("$skipToken", "ew0KICAiJGlkIjogIjEiLA0KfQ==").set("data", first))));
		github.server().stubFor(post(urlPathEqualTo(RESOURCES)).atPriority(5)
			.withRequestBody(containing("ew0KICAiJGlkIjogIjEiLA0KfQ=="))
			.willReturn(FakeGitHub.json(200, JSON.objectNode().put("totalRecords", rows.length).put("count", 1)
				.put("resultTruncated", "false").set("data", JSON.arrayNode().add(rows[rows.length - 1])))));
	}

	private static ObjectNode storage() {
		ObjectNode row = row("Microsoft.Storage/storageAccounts", "acmeprodstore", "microsoft.storage/storageaccounts");
		((ObjectNode) row.get("properties")).set("primaryEndpoints", JSON.objectNode()
			.put("blob", "https://acmeprodstore.blob.core.windows.net/")
			.put("file", "https://acmeprodstore.file.core.windows.net/"));
		((ObjectNode) row.get("properties")).put("publicNetworkAccess", "Enabled");
		return row;
	}

	private static ObjectNode sqlServer() {
		ObjectNode row = row("Microsoft.Sql/servers", "orders-sql", "microsoft.sql/servers");
		((ObjectNode) row.get("properties")).put("fullyQualifiedDomainName", "orders-sql.database.windows.net")
			.put("publicNetworkAccess", "Disabled");
		return row;
	}

	private static ObjectNode vault() {
		ObjectNode row = row("Microsoft.KeyVault/vaults", "prod-kv", "microsoft.keyvault/vaults");
		((ObjectNode) row.get("properties")).put("vaultUri", "https://prod-kv.vault.azure.net/");
		return row;
	}

	private static ObjectNode row(String provider, String name, String type) {
		ObjectNode row = JSON.objectNode()
			.put("id", "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/prod/providers/" + provider + "/" + name)
			.put("name", name)
			.put("type", type)
			.put("location", "westeurope")
			.put("subscriptionId", SUBSCRIPTION);
		row.set("tags", JSON.objectNode().put("env", "prod"));
		row.set("properties", JSON.objectNode());
		return row;
	}

}
