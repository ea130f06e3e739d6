package dev.leakpath.explorer;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.asset.AssetInventory;
import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class ExplorerTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

	@Autowired
	private SyncService sync;

	@Autowired
	private AssetInventory inventory;

	private final TestOrganization org = new TestOrganization();

	@BeforeEach
	void graph() {
		inventory.replaceSource(List.of(new AssetInput("azure", "Microsoft.DBforPostgreSQL/flexibleServers",
				"/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/db-acme-prod",
				"db-acme-prod", List.of(), null, "0a1b", Map.of(), true, true, null, List.of())), "file:test.yaml")
			.block();
		awaitGraphRecomputed();
		// api: a SAS URL to a storage account the inventory does not list; infra: a database connection string;
		// web: a Slack token, which is not a connection string, key or SAS token
		github.alertPages(ORG, List.of(List.of(org.alert("api", 1, "azure_sas_token", "open", NOW),
				org.alert("infra", 1, "postgres_connection_string", "open", NOW.minusSeconds(1)),
				org.alert("web", 1, "slack_api_token", "open", NOW.minusSeconds(2)),
				org.alert("web", 2, "postgres_connection_string", "resolved", NOW.minusSeconds(3)))), null);
		sync.run("test").block();
	}

	@Test
	void templatesThenEachRunsAndCodeRepositoriesWithSecretsAreThoseWithConnectionStringsKeysOrSasTokens() {
		JsonNode templates = getJson("/api/v1/explorer/templates").get("items");
		assertThat(templates.findValuesAsText("name")).contains("Code repositories contain secrets",
				"Azure DevOps repositories contain secrets that can authenticate to Object Storage or Managed Databases");
		for (JsonNode template : templates) {
			query(template.get("query").toString()).expectStatus().isOk();
		}

		JsonNode result = ok(templates.get(0).get("query").toString());

		assertThat(result.get("items").findValuesAsText("label")).containsExactly("acme/api", "acme/infra");
		assertThat(edges(result)).containsExactlyInAnyOrder("acme/api contains azure_sas_token",
				"acme/infra contains postgres_connection_string");
		assertThat(result.get("truncated").asBoolean()).isFalse();
		assertThat(result.toString()).doesNotContain(org.issuedSecrets().get(0).substring(0, 30));
	}

	@Test
	void storageOrDatabaseTemplateThenOnlyReposOfThatProviderWithAPathToOne() {
		JsonNode templates = getJson("/api/v1/explorer/templates").get("items");

		JsonNode github = ok(template(templates, "github-secrets-to-storage-or-databases"));
		JsonNode azureDevOps = ok(template(templates, "azure-devops-secrets-to-storage-or-databases"));

		// the SAS URL's storage account is not in an inventory that knows the Azure estate: it does not exist
		assertThat(github.get("items").findValuesAsText("label")).containsExactly("acme/infra");
		JsonNode database = node(github, "db-acme-prod");
		assertThat(database.get("properties").get("inInventory").asBoolean()).isTrue();
		assertThat(database.get("properties").get("category").asText()).isEqualTo("managed_database");
		assertThat(azureDevOps.get("items")).isEmpty();
	}

	@Test
	void nestedConditionsThenOnlyNodesConnectedAsAsked() {
		JsonNode result = ok("""
				{"source": {"family": "repository", "conditions": [
				   {"property": "visibility", "operator": "notEquals", "value": "public"}],
				 "connections": [{"edge": "contains", "target": {"family": "secret", "connections": [
				   {"edge": "canAuthenticateTo", "target": {"family": "cloudResource", "conditions": [
				     {"property": "internetExposed", "operator": "equals", "value": true},
				     {"property": "name", "operator": "contains", "value": "ACME"}]}}]}}]},
				 "limit": 10}""");

		assertThat(result.get("items").findValuesAsText("label")).containsExactly("acme/infra");
		assertThat(edges(result)).containsExactly("acme/infra contains postgres_connection_string",
				"postgres_connection_string canAuthenticateTo db-acme-prod");
	}

	@Test
	void incomingEdgeThenSecretsThatReachAResource() {
		JsonNode result = ok("""
				{"source": {"family": "cloudResource", "types": ["microsoft.dbforpostgresql/flexibleservers"],
				 "connections": [{"edge": "canAuthenticateTo", "direction": "incoming", "target": {"family": "secret",
				   "connections": [{"edge": "contains", "direction": "incoming", "target": {"family": "repository"}}]}}]}}""");

		assertThat(result.get("items").findValuesAsText("label")).containsExactly("db-acme-prod");
		// the resolved alert in acme/web does not count: only open findings are edges
		assertThat(edges(result)).containsExactlyInAnyOrder("postgres_connection_string canAuthenticateTo db-acme-prod",
				"acme/infra contains postgres_connection_string");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"{\"source\": {\"family\": \"repo\"}}|source.family 'repo' is not one of [repository, secret, identity, cloudResource]",
		"{\"source\": {\"family\": \"secret\", \"conditions\": [{\"property\": \"value\", \"operator\": \"equals\", \"value\": \"x\"}]}}|source.conditions[0].property 'value' is not a property of secret",
		"{\"source\": {\"family\": \"repository\", \"connections\": [{\"edge\": \"canAuthenticateTo\", \"target\": {\"family\": \"cloudResource\"}}]}}|source.connections[0]: a repository has no outgoing 'canAuthenticateTo' edge; it has [outgoing contains to secret]",
		"{\"source\": {\"family\": \"repository\", \"connections\": [{\"edge\": \"contains\", \"target\": {\"family\": \"repository\"}}]}}|source.connections[0].target.family must be secret",
		"{\"source\": {\"family\": \"repository\", \"conditions\": [{\"property\": \"archived\", \"operator\": \"equals\", \"value\": \"yes\"}]}}|source.conditions[0].value must be true or false",
		"{\"source\": {\"family\": \"repository\", \"conditions\": [{\"property\": \"visibility\", \"operator\": \"in\", \"value\": [\"secret\"]}]}}|source.conditions[0].value 'secret' is not one of [internal, private, public]",
		"{\"source\": {\"family\": \"repository\"}, \"limit\": 0}|limit must be a whole number from 1 to 500",
		"{\"source\": {\"family\": \"repository\", \"where\": {}}}|source: unknown field 'where'",
		"{\"query\": {}}|query: unknown field 'query'",
		"[1, 2]|the query must be a JSON object"
	})
	void invalidQueryThen400SayingWhereAndWhy(String query, String message) {
		query(query).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains(message));
	}

	@Test
	void tooDeepThen400() {
		String deep = """
				{"family": "repository", "connections": [{"edge": "contains", "target": {"family": "secret",
				 "connections": [{"edge": "contains", "direction": "incoming", "target": {"family": "repository",
				 "connections": [{"edge": "contains", "target": {"family": "secret",
				 "connections": [{"edge": "canAuthenticateTo", "target": {"family": "cloudResource"}}]}}]}}]}}]}""";

		query("{\"source\": " + deep + "}").expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("at most 3 deep"));
		query("{\"source\": ").expectStatus().isBadRequest();
	}

	@Test
	void limitThenTruncatedAndNoMoreItems() {
		JsonNode result = ok("{\"source\": {\"family\": \"repository\"}, \"limit\": 2}");

		assertThat(result.get("items")).hasSize(2);
		assertThat(result.get("truncated").asBoolean()).isTrue();
		assertThat(result.get("moreMatches").asBoolean()).isTrue();
		assertThat(result.get("moreConnections").asBoolean()).isFalse();
	}

	@Test
	void limitWhenExactlyAsManyMatchThenNothingMoreIsSaid() {
		JsonNode result = ok("{\"source\": {\"family\": \"repository\"}, \"limit\": 3}");

		assertThat(result.get("items")).hasSize(3);
		assertThat(result.get("moreMatches").asBoolean()).isFalse();
		assertThat(result.get("truncated").asBoolean()).isFalse();
	}

	@Test
	void saveListGetDeleteThenTheQueryIsKeptAndChecked() {
		String body = """
				{"name": "Public repositories", "description": "open to all",
				 "query": {"source": {"family": "repository", "conditions": [
				   {"property": "visibility", "operator": "equals", "value": "public"}]}}}""";
		JsonNode created = post("/api/v1/explorer/saved", body).expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		post("/api/v1/explorer/saved", body).expectStatus().isEqualTo(409);
		post("/api/v1/explorer/saved", """
				{"name": "Broken", "query": {"source": {"family": "nodes"}}}""").expectStatus().isBadRequest();
		post("/api/v1/explorer/saved", """
				{"name": " ", "query": {"source": {"family": "repository"}}}""").expectStatus().isBadRequest();

		assertThat(getJson("/api/v1/explorer/saved").get("items").findValuesAsText("name"))
			.containsExactly("Public repositories");
		JsonNode saved = getJson("/api/v1/explorer/saved/" + created.get("id").asLong());
		assertThat(ok(saved.get("query").toString()).get("items").findValuesAsText("label")).containsExactly("acme/api");
		web.delete().uri("/api/v1/explorer/saved/" + created.get("id").asLong())
			.headers(headers -> headers.setBearerAuth(API_TOKEN)).exchange().expectStatus().isNoContent();
		web.delete().uri("/api/v1/explorer/saved/" + created.get("id").asLong())
			.headers(headers -> headers.setBearerAuth(API_TOKEN)).exchange().expectStatus().isNotFound();
		assertThat(getJson("/api/v1/explorer/saved").get("items")).isEmpty();
	}

	private WebTestClient.ResponseSpec query(String json) {
		return post("/api/v1/explorer/query", json);
	}

	private WebTestClient.ResponseSpec post(String uri, String json) {
		return web.post().uri(uri).headers(headers -> headers.setBearerAuth(API_TOKEN))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private JsonNode ok(String json) {
		return query(json).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	private static String template(JsonNode templates, String id) {
		for (JsonNode template : templates) {
			if (template.get("id").asText().equals(id)) {
				return template.get("query").toString();
			}
		}
		throw new AssertionError("no template " + id);
	}

	private static JsonNode node(JsonNode result, String label) {
		for (JsonNode node : result.get("nodes")) {
			if (node.get("label").asText().equals(label)) {
				return node;
			}
		}
		throw new AssertionError("no node " + label);
	}

	/** Edges as "source kind target", nodes named by their label or, for secrets, their type. */
	private static List<String> edges(JsonNode result) {
		Map<String, String> names = new java.util.HashMap<>();
		List<JsonNode> all = new ArrayList<>();
		result.get("items").forEach(all::add);
		result.get("nodes").forEach(all::add);
		all.forEach(node -> names.put(node.get("id").asText(),
				node.get("family").asText().equals("secret") ? node.get("type").asText() : node.get("label").asText()));
		List<String> edges = new ArrayList<>();
		result.get("edges").forEach(edge -> edges.add(names.get(edge.get("source").asText()) + " "
				+ edge.get("kind").asText() + " " + names.get(edge.get("target").asText())));
		return edges;
	}

}
