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
		// the RBAC queries (authorizationresources, resourcecontainers) have their own stubs
		return index == 0 ? post(urlPathEqualTo(RESOURCES)).withRequestBody(notContaining("$skipToken"))
			.withRequestBody(notContaining("authorizationresources")).withRequestBody(notContaining("resourcecontainers"))
				: post(urlPathEqualTo(RESOURCES)).withRequestBody(containing('"' + skipToken(index) + '"'))
					.withRequestBody(notContaining("authorizationresources"))
					.withRequestBody(notContaining("resourcecontainers"));
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
		return server.findAll(postRequestedFor(urlPathEqualTo(RESOURCES))
			.withRequestBody(notContaining("authorizationresources"))
			.withRequestBody(notContaining("resourcecontainers"))).size();
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

	/**
	 * The RBAC query's answer: two pages of {@code authorizationresources} rows linked by {@code $skipToken}, shaped on
	 * learn.microsoft.com/rest/api/azureresourcegraph/resourcegraph/resources/resources (same envelope as the
	 * inventory's) and on the ARM role assignment and definition resources
	 * (learn.microsoft.com/rest/api/authorization/role-assignments/get, .../role-definitions/get).
	 */
	void rbac(List<ObjectNode> first, List<ObjectNode> second) {
		int total = first.size() + second.size();
		ObjectNode page = page(total, first).put("$skipToken", "rbac-page-2");
		server.stubFor(post(urlPathEqualTo(RESOURCES)).atPriority(1)
			.withRequestBody(containing("authorizationresources"))
			.withRequestBody(notContaining("rbac-page-2"))
			.willReturn(FakeGitHub.json(200, page)));
		server.stubFor(post(urlPathEqualTo(RESOURCES)).atPriority(1)
			.withRequestBody(containing("authorizationresources"))
			.withRequestBody(containing("rbac-page-2"))
			.willReturn(FakeGitHub.json(200, page(total, second))));
		subscriptionUnder("test-tenant");
	}

	/**
	 * The test subscription as {@code resourcecontainers} lists it, under the given management groups (nearest
	 * first, the tenant root group last): a row of {@code microsoft.resources/subscriptions} whose
	 * {@code properties.managementGroupAncestorsChain} names them (learn.microsoft.com/azure/governance/
	 * management-groups/resource-graph-samples; the subscription resource: learn.microsoft.com/rest/api/resources/
	 * subscriptions/get). The newest stub answers.
	 */
	void subscriptionUnder(String... managementGroups) {
		ArrayNode chain = JSON.arrayNode();
		for (String group : managementGroups) {
			chain.addObject().put("displayName", group.equals("test-tenant") ? "Tenant Root Group" : group)
				.put("name", group);
		}
		ObjectNode properties = JSON.objectNode().put("state", "Enabled");
		properties.set("managementGroupAncestorsChain", chain);
		ObjectNode row = JSON.objectNode().put("id", "/subscriptions/" + SUBSCRIPTION)
			.put("subscriptionId", SUBSCRIPTION);
		row.set("properties", properties);
		server.stubFor(post(urlPathEqualTo(RESOURCES)).atPriority(1)
			.withRequestBody(containing("resourcecontainers"))
			.willReturn(FakeGitHub.json(200, page(1, List.of(row)))));
	}

	/** {@code microsoft.authorization/roleassignments}: the principal holds the role over the scope. */
	static ObjectNode roleAssignment(String guid, String principalId, String roleGuid, String scope) {
		ObjectNode row = JSON.objectNode()
			.put("id", scope + "/providers/Microsoft.Authorization/roleAssignments/" + guid)
			.put("type", "microsoft.authorization/roleassignments")
			.put("tenantId", "test-tenant");
		row.set("properties", JSON.objectNode()
			.put("principalId", principalId)
			.put("principalType", "ServicePrincipal")
			// assignments name the definition under their subscription's path
			.put("roleDefinitionId", "/subscriptions/" + SUBSCRIPTION
					+ "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid)
			.put("scope", scope)
			.put("createdOn", "2026-11-02T09:12:44.0000000Z"));
		return row;
	}

	/**
	 * The built-in Contributor as Microsoft publishes it (learn.microsoft.com/azure/role-based-access-control/
	 * built-in-roles/general#contributor): every action but managing access and a few blueprint, gallery
	 * share and subscription ones; no data actions.
	 */
	static ObjectNode contributor() {
		ObjectNode row = JSON.objectNode()
			.put("id", "/providers/Microsoft.Authorization/roleDefinitions/" + CONTRIBUTOR)
			.put("type", "microsoft.authorization/roledefinitions")
			.put("tenantId", "test-tenant");
		ObjectNode permission = JSON.objectNode();
		permission.set("actions", JSON.arrayNode().add("*"));
		ArrayNode notActions = JSON.arrayNode();
		List.of("Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
				"Microsoft.Authorization/elevateAccess/Action", "Microsoft.Blueprint/blueprintAssignments/write",
				"Microsoft.Blueprint/blueprintAssignments/delete", "Microsoft.Compute/galleries/share/action",
				"Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete").forEach(notActions::add);
		permission.set("notActions", notActions);
		permission.set("dataActions", JSON.arrayNode());
		permission.set("notDataActions", JSON.arrayNode());
		ObjectNode properties = JSON.objectNode().put("roleName", "Contributor").put("type", "BuiltInRole")
			.put("description", "Grants full access to manage all resources, but does not allow you to assign roles "
					+ "in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.");
		properties.set("permissions", JSON.arrayNode().add(permission));
		properties.set("assignableScopes", JSON.arrayNode().add("/"));
		row.set("properties", properties);
		return row;
	}

	static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";

	static final String GET_BY_IDS = "/v1.0/directoryObjects/getByIds";

	/**
	 * Microsoft Graph lists the service principal (learn.microsoft.com/graph/api/directoryobject-getbyids):
	 * {@code {"@odata.context", "value": [{"@odata.type": "#microsoft.graph.servicePrincipal", ...}]}}.
	 */
	void servicePrincipal(String objectId, String appId, String displayName) {
		ObjectNode principal = JSON.objectNode().put("@odata.type", "#microsoft.graph.servicePrincipal")
			.put("id", objectId)
			.put("appId", appId)
			.put("displayName", displayName)
			.put("appOwnerOrganizationId", "7c1e8f0a-0000-4000-8000-0000000000aa")
			.put("servicePrincipalType", "Application")
			.put("accountEnabled", true);
		ObjectNode answer = JSON.objectNode()
			.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#directoryObjects");
		answer.set("value", JSON.arrayNode().add(principal));
		server.stubFor(post(urlPathEqualTo(GET_BY_IDS)).atPriority(1)
			.withRequestBody(containing(objectId))
			.willReturn(FakeGitHub.json(200, answer)));
	}

	/** Graph refuses: the principal lacks Application.Read.All (learn.microsoft.com/graph/errors). */
	void graphRefuses() {
		ObjectNode error = JSON.objectNode();
		error.set("error", JSON.objectNode().put("code", "Authorization_RequestDenied")
			.put("message", "Insufficient privileges to complete the operation."));
		server.stubFor(post(urlPathEqualTo(GET_BY_IDS)).atPriority(1).willReturn(FakeGitHub.json(403, error)));
	}

	private static String skipToken(int page) {
		return "ew0KICAiJGlkIjogIjEiLA0KfQ-page-" + page;
	}

}
