package dev.leakpath.asset.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.leakpath.testsupport.FakeGitHub;

/**
 * Resource Graph and its Entra token endpoint as WireMock plays them (on the tests' fake GitHub server, where
 * {@code IntegrationTest} points the connector): pages answer {@code {totalRecords, count, resultTruncated,
 * $skipToken, data}}, and the {@code $skipToken} of one page asks for the next.
 */
final class FakeResourceGraph {

	static final String RESOURCES = "/providers/Microsoft.ResourceGraph/resources";

	static final String TOKEN = "/test-tenant/oauth2/v2.0/token";

	static final String SUBSCRIPTION = "6e1f2a3b-0000-4000-8000-000000000001";

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final WireMockServer server;

	FakeResourceGraph(WireMockServer server) {
		this.server = server;
	}

	/** Entra hands the test principal a token. */
	void token() {
		server.stubFor(post(urlPathEqualTo(TOKEN)).atPriority(5)
			.withRequestBody(containing("grant_type=client_credentials"))
			.withRequestBody(containing("client_id=test-rg-client"))
			.willReturn(FakeGitHub.json(200, JSON.objectNode().put("token_type", "Bearer").put("expires_in", 3599)
				.put("ext_expires_in", 3599).put("access_token", "rg-access-token"))));
	}

	/** Two pages: the first holds all rows but the last, which the second holds. */
	void pages(ObjectNode... rows) {
		List<ObjectNode> all = Arrays.asList(rows);
		listing(List.of(all.subList(0, rows.length - 1), all.subList(rows.length - 1, rows.length)));
	}

	/** One page per list, each but the last naming the next with its {@code $skipToken}. */
	void listing(List<List<ObjectNode>> pages) {
		int total = pages.stream().mapToInt(List::size).sum();
		for (int index = 0; index < pages.size(); index++) {
			ObjectNode page = page(total, pages.get(index));
			if (index < pages.size() - 1) {
				page.put("$skipToken", skipToken(index + 1));
			}
			server.stubFor(pageRequest(index).atPriority(5).willReturn(FakeGitHub.json(200, page)));
		}
	}

	/** The request for the page at {@code index} (0-based). */
	MappingBuilder pageRequest(int index) {
		return index == 0 ? post(urlPathEqualTo(RESOURCES)).withRequestBody(notContaining("$skipToken"))
				: post(urlPathEqualTo(RESOURCES)).withRequestBody(containing('"' + skipToken(index) + '"'));
	}

	/** A page of rows as Resource Graph answers it, with no {@code $skipToken}. */
	static ObjectNode page(int totalRecords, List<ObjectNode> rows) {
		ArrayNode data = JSON.arrayNode();
		rows.forEach(data::add);
		// the API spells the flag as a string enum
		ObjectNode page = JSON.objectNode().put("totalRecords", totalRecords).put("count", rows.size())
			.put("resultTruncated", "false");
		page.set("data", data);
		return page;
	}

	static ResponseDefinitionBuilder answer(int status, Object body) {
		return FakeGitHub.json(status, body);
	}

	int pageRequests() {
		return server.findAll(postRequestedFor(urlPathEqualTo(RESOURCES))).size();
	}

	int tokenRequests() {
		return server.findAll(postRequestedFor(urlPathEqualTo(TOKEN))).size();
	}

	static ObjectNode storage() {
		ObjectNode row = row("Microsoft.Storage/storageAccounts", "acmeprodstore", "microsoft.storage/storageaccounts");
		((ObjectNode) row.get("properties")).set("primaryEndpoints", JSON.objectNode()
			.put("blob", "https://acmeprodstore.blob.core.windows.net/")
			.put("file", "https://acmeprodstore.file.core.windows.net/"));
		((ObjectNode) row.get("properties")).put("publicNetworkAccess", "Enabled");
		return row;
	}

	static ObjectNode sqlServer() {
		ObjectNode row = row("Microsoft.Sql/servers", "orders-sql", "microsoft.sql/servers");
		((ObjectNode) row.get("properties")).put("fullyQualifiedDomainName", "orders-sql.database.windows.net")
			.put("publicNetworkAccess", "Disabled");
		return row;
	}

	static ObjectNode vault() {
		return vault("prod-kv");
	}

	static ObjectNode vault(String name) {
		ObjectNode row = row("Microsoft.KeyVault/vaults", name, "microsoft.keyvault/vaults");
		((ObjectNode) row.get("properties")).put("vaultUri", "https://" + name + ".vault.azure.net/");
		return row;
	}

	static ObjectNode row(String provider, String name, String type) {
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

	private static String skipToken(int page) {
		return "ew0KICAiJGlkIjogIjEiLA0KfQ-page-" + page;
	}

}
