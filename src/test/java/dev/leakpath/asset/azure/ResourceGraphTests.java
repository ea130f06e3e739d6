package dev.leakpath.asset.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.leakpath.asset.azure.FakeResourceGraph.RESOURCES;
import static dev.leakpath.asset.azure.FakeResourceGraph.SUBSCRIPTION;
import static dev.leakpath.asset.azure.FakeResourceGraph.row;
import static dev.leakpath.asset.azure.FakeResourceGraph.sqlServer;
import static dev.leakpath.asset.azure.FakeResourceGraph.storage;
import static dev.leakpath.asset.azure.FakeResourceGraph.vault;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

/** Resource Graph as WireMock plays it: the Entra token endpoint, and two pages linked by {@code $skipToken}. */
class ResourceGraphTests extends IntegrationTest {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final FakeResourceGraph resourceGraphApi = new FakeResourceGraph(github.server());

	@Autowired
	private ResourceGraphInventory resourceGraph;

	@BeforeEach
	void token() {
		resourceGraphApi.token();
	}

	@Test
	void refreshThenEveryPageIsReadWithTheTokenAndTheAssetsCarryTheirEndpoints() {
		resourceGraphApi.pages(storage(), sqlServer(), vault());

		assertThat(resourceGraph.refresh().block()).isEqualTo(3);

		assertThat(postgres.rows("select name, array_to_string(hosts, ' '), internet_exposed, account_id, source "
				+ "from asset order by name"))
			.containsExactly("acmeprodstore|acmeprodstore.blob.core.windows.net acmeprodstore.file.core.windows.net|t|"
					+ SUBSCRIPTION + "|resource-graph",
					"orders-sql|orders-sql.database.windows.net|f|" + SUBSCRIPTION + "|resource-graph",
					"prod-kv|prod-kv.vault.azure.net|t|" + SUBSCRIPTION + "|resource-graph");
		assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(RESOURCES))
			.withHeader("Authorization", equalTo("Bearer rg-access-token"))
			.withRequestBody(notContaining("authorizationresources"))
			.withRequestBody(notContaining("resourcecontainers")))).hasSize(2);
		assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(RESOURCES))
			.withRequestBody(containing("microsoft.storage/storageaccounts")))).hasSize(2);
	}

	@Test
	void refreshWhenAResourceIsGoneThenItsAssetIsRemovedAndTheTokenReused() {
		resourceGraphApi.pages(storage(), sqlServer(), vault());
		resourceGraph.refresh().block();
		github.server().resetRequests();
		resourceGraphApi.pages(storage(), sqlServer());

		resourceGraph.refresh().block();

		assertThat(postgres.rows("select name from asset order by name")).containsExactly("acmeprodstore", "orders-sql");
		assertThat(resourceGraphApi.tokenRequests()).isZero();
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
		resourceGraphApi.pages(row("Microsoft.Compute/virtualMachines", "web-01", "microsoft.compute/virtualmachines"),
				row("Microsoft.Compute/virtualMachines", "batch-07", "microsoft.compute/virtualmachines"), nic, ip);

		assertThat(resourceGraph.refresh().block()).isEqualTo(2);

		assertThat(postgres.rows("select name, array_to_string(hosts, ' '), internet_exposed from asset order by name"))
			.containsExactly("batch-07||f", "web-01|20.50.60.70 web-01.westeurope.cloudapp.azure.com|t");
	}

}
