package dev.leakpath.attackpath;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.asset.AssetInventory;
import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;

class AttackPathTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

	private static final String SOURCE = "file:test-inventory.yaml";

	private static final AssetInput STORAGE = new AssetInput("azure", "Microsoft.Storage/storageAccounts",
			"/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.Storage/storageAccounts/acmeprodstore",
			"acmeprodstore", List.of(), null, "0a1b", Map.of(), true, true, null, List.of());

	private static final AssetInput DATABASE = new AssetInput("azure", "Microsoft.DBforPostgreSQL/flexibleServers",
			"/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/db-acme-prod",
			"db-acme-prod", List.of(), null, "0a1b", Map.of(), false, false, null, List.of());

	@Autowired
	private SyncService sync;

	@Autowired
	private AssetInventory inventory;

	@Autowired
	private AttackPathMetrics metrics;

	private final TestOrganization org = new TestOrganization();

	private ObjectNode sasInPublicApi;

	@BeforeEach
	void inventoryAndAlerts() {
		inventory.replaceSource(List.of(STORAGE, DATABASE), SOURCE).block();
		awaitGraphRecomputed();
		sasInPublicApi = org.alert("api", 1, "azure_sas_token", "open", NOW);
		github.alertPages(ORG, List.of(List.of(sasInPublicApi,
				org.alert("infra", 1, "postgres_connection_string", "open", NOW.minusSeconds(1)),
				org.alert("web", 1, "slack_api_token", "open", NOW.minusSeconds(2)),
				org.alert("api", 2, "slack_api_token", "open", NOW.minusSeconds(3)),
				org.alert("web", 2, "azure_sas_token", "open", NOW.minusSeconds(4)))), null);
		sync.run("test").block();
	}

	@Test
	void syncThenAPathToEveryResourceAnOpenSecretReachesWhateverTheRepositorysVisibility() {
		JsonNode items = getJson("/api/v1/attack-paths").get("items");

		// the public repository's slack token reaches no resource: plaintext; the private one's reaches nothing
		assertThat(paths(items)).containsExactlyInAnyOrder("public-github-secret-to-storage acme/api acmeprodstore",
				"github-secret-to-storage acme/web acmeprodstore", "public-github-plaintext-secret acme/api -",
				"github-secret-to-postgresql acme/infra db-acme-prod");
		JsonNode storage = find(items, "public-github-secret-to-storage");
		assertThat(factors(storage)).containsExactly("exposed_secret 10", "public_repository 15", "still_valid 15",
				"in_inventory 10", "internet_exposed 15", "sensitive_data 15");
		assertThat(storage.get("riskScore").asInt()).isEqualTo(80);
		assertThat(storage.get("riskLevel").asText()).isEqualTo("critical");
		assertThat(storage.get("target").get("category").asText()).isEqualTo("object_storage");
		assertThat(storage.get("rule").get("name").asText()).isEqualTo(
				"Publicly accessible GitHub repository contains an exposed secret with lateral movement to a Storage Account");
		assertThat(find(items, "github-secret-to-storage").get("rule").get("name").asText())
			.isEqualTo("GitHub repository contains an exposed secret with lateral movement to a Storage Account");
		JsonNode database = find(items, "github-secret-to-postgresql");
		assertThat(factors(database)).containsExactly("exposed_secret 10", "still_valid 15", "in_inventory 10");
		assertThat(database.get("riskScore").asInt()).isEqualTo(35);
		assertThat(database.get("riskLevel").asText()).isEqualTo("medium");
		items.forEach(path -> assertThat(path.get("riskScore").asInt()).as("the sum of its factors' points")
			.isEqualTo(Math.max(0, factors(path).stream().mapToInt(factor -> Integer.parseInt(factor.split(" ")[1])).sum())));
		assertThat(getJson("/api/v1/attack-paths?risk=critical&provider=github").get("items")).hasSize(1);
		assertThat(getJson("/api/v1/attack-paths?repository=acme/infra").get("items")).hasSize(1);
	}

	@Test
	void sortByRiskThenHighestFirstPageByPage() {
		JsonNode first = getJson("/api/v1/attack-paths?sort=risk&limit=2");
		JsonNode second = getJson("/api/v1/attack-paths?sort=risk&limit=2&cursor=" + first.get("nextCursor").asText());

		List<Integer> scores = new ArrayList<>();
		first.get("items").forEach(path -> scores.add(path.get("riskScore").asInt()));
		second.get("items").forEach(path -> scores.add(path.get("riskScore").asInt()));
		assertThat(scores).hasSize(4).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(first.get("items").get(0).get("rule").get("id").asText()).isEqualTo("public-github-secret-to-storage");
		assertThat(second.get("nextCursor").isNull()).isTrue();
		web.get().uri("/api/v1/attack-paths?sort=risk&cursor=" + "djE6NQ").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("sort=risk"));
	}

	@Test
	void getOneThenItsGraphEvidenceAndRemediation() {
		long id = find(getJson("/api/v1/attack-paths").get("items"), "public-github-secret-to-storage").get("id").asLong();

		JsonNode path = getJson("/api/v1/attack-paths/" + id);

		assertThat(texts(path.get("chain"))).containsExactly("public GitHub repository", "exposed secret", "Storage Account");
		assertThat(path.get("path").get("riskFactors").findValuesAsText("label")).containsExactly("open exposed secret",
				"public repository", "secret still valid", "target exists in the inventory",
				"target exposed to the internet", "target holds sensitive data");
		assertThat(path.get("nodes").findValuesAsText("family")).containsExactly("internet", "repository", "secret",
				"cloudResource");
		List<String> edges = new ArrayList<>();
		path.get("edges").forEach(edge -> edges.add(edge.get("source").asText().replaceAll(":\\d+", "") + " "
				+ edge.get("kind").asText() + " " + edge.get("target").asText().replaceAll(":\\d+", "")));
		assertThat(edges).containsExactly("repository contains secret", "repository exposedToInternet internet",
				"secret canAuthenticateTo asset", "asset exposedToInternet internet");
		JsonNode evidence = path.get("evidence").get(0);
		assertThat(evidence.get("providerAlertId").asText()).isEqualTo("1");
		assertThat(evidence.get("alertUrl").asText()).isEqualTo(sasInPublicApi.get("html_url").asText());
		assertThat(evidence.get("locations").get(0).get("path").asText()).isEqualTo("config/app-1.yml");
		assertThat(evidence.get("locations").get(0).get("startLine").asInt()).isEqualTo(1);
		assertThat(texts(path.get("remediation")).get(0)).contains("Rotate the storage account key");
		assertThat(path.toString()).doesNotContain(org.issuedSecrets().get(0).substring(0, 40));
	}

	@Test
	void alertResolvedThenItsPathsResolvedInTheSameWriteAndKeptInHistory() {
		resolveSasAlert();

		assertThat(paths(getJson("/api/v1/attack-paths").get("items"))).containsExactlyInAnyOrder(
				"github-secret-to-postgresql acme/infra db-acme-prod", "github-secret-to-storage acme/web acmeprodstore",
				"public-github-plaintext-secret acme/api -");
		JsonNode resolved = getJson("/api/v1/attack-paths?status=resolved").get("items");
		assertThat(paths(resolved)).containsExactly("public-github-secret-to-storage acme/api acmeprodstore");
		resolved.forEach(path -> {
			assertThat(path.get("resolution").asText()).isEqualTo("alert resolved");
			assertThat(Instant.parse(path.get("resolvedAt").asText()))
				.isAfterOrEqualTo(Instant.parse(path.get("firstSeenAt").asText()));
		});
		assertThat(getJson("/api/v1/attack-paths?status=all").get("items")).hasSize(4);
	}

	@Test
	void assetRemovedThenPathToItResolvedAndNoPlaceholderPathTakesItsPlace() {
		inventory.replaceSource(List.of(DATABASE), SOURCE).block();
		awaitGraphRecomputed();

		// the inventory knows the cloud and not the account: no placeholder, and the SAS URL is a plaintext secret
		assertThat(paths(getJson("/api/v1/attack-paths").get("items"))).containsExactlyInAnyOrder(
				"public-github-plaintext-secret acme/api -", "public-github-plaintext-secret acme/api -",
				"github-secret-to-postgresql acme/infra db-acme-prod");
		JsonNode gone = find(getJson("/api/v1/attack-paths?status=resolved").get("items"),
				"public-github-secret-to-storage");
		assertThat(gone.get("resolution").asText()).isEqualTo("target removed from the inventory");
	}

	@Test
	void targetNotInAnInventoryThatKnowsNothingOfItsCloudThenPathToAPlaceholder() {
		inventory.replaceSource(List.of(), SOURCE).block();
		awaitGraphRecomputed();

		JsonNode storage = find(getJson("/api/v1/attack-paths").get("items"), "public-github-secret-to-storage");

		assertThat(storage.get("target").get("key").asText()).isEqualTo("unlisted:microsoft.storage/storageaccounts:acmeprodstore");
		assertThat(storage.get("target").get("inInventory").asBoolean()).isFalse();
		assertThat(factors(storage)).containsExactly("exposed_secret 10", "public_repository 15", "still_valid 15");
		assertThat(storage.get("riskScore").asInt()).isEqualTo(40);
	}

	@Test
	void alertReopenedThenANewPathWhileTheOldOneStaysResolved() {
		resolveSasAlert();
		ObjectNode reopened = sasInPublicApi.deepCopy();
		reopened.put("state", "open").putNull("resolution").putNull("resolved_at")
			.put("updated_at", NOW.plusSeconds(120).toString());
		github.alertPages(ORG, List.of(List.of(reopened)), null);
		sync.run("test").block();

		JsonNode all = getJson("/api/v1/attack-paths?status=all").get("items");
		List<JsonNode> storage = new ArrayList<>();
		all.forEach(path -> {
			if (path.get("rule").get("id").asText().equals("public-github-secret-to-storage")) {
				storage.add(path);
			}
		});
		assertThat(storage).extracting(path -> path.get("status").asText()).containsExactly("open", "resolved");
		assertThat(storage.get(0).get("id").asLong()).isGreaterThan(storage.get(1).get("id").asLong());
	}

	@Test
	void secretsByPathsClosedThenTheCredentialOnMostOpenPathsFirst() {
		String shared = org.secretFor("postgres_connection_string");
		github.alertPages(ORG, List.of(List.of(
				org.alert("api", 7, "postgres_connection_string", "open", NOW.plusSeconds(10), shared),
				org.alert("web", 7, "postgres_connection_string", "open", NOW.plusSeconds(9), shared),
				org.alert("infra", 7, "postgres_connection_string", "open", NOW.plusSeconds(8), shared))), null);
		sync.run("test").block();

		JsonNode ranked = getJson("/api/v1/secrets?sort=pathsClosed").get("items");

		// the shared string: a database path from each repository; then one path each
		List<String> closed = new ArrayList<>();
		ranked.forEach(secret -> closed.add(secret.get("secretType").asText() + " " + secret.get("openAttackPaths").asLong()));
		assertThat(closed.get(0)).isEqualTo("postgres_connection_string 3");
		assertThat(closed.subList(1, closed.size())).containsExactlyInAnyOrder("postgres_connection_string 1",
				"azure_sas_token 1", "azure_sas_token 1", "slack_api_token 1");
		assertThat(ranked.get(0).get("repositories")).hasSize(3);
		web.get().uri("/api/v1/secrets?sort=pathsClosed&cursor=" + "djE6NQ").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange().expectStatus().isBadRequest();
	}

	@Test
	void badFiltersAndUnknownIdsThenProblems() {
		web.get().uri("/api/v1/attack-paths?risk=severe").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("risk"));
		web.get().uri("/api/v1/attack-paths/999999").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange().expectStatus().isNotFound();
	}

	private void resolveSasAlert() {
		ObjectNode resolved = sasInPublicApi.deepCopy();
		resolved.put("state", "resolved").put("resolution", "revoked").put("resolved_at", NOW.plusSeconds(60).toString())
			.put("updated_at", NOW.plusSeconds(60).toString());
		github.alertPages(ORG, List.of(List.of(resolved)), null);
		sync.run("test").block();
	}

	@Test
	void exportThenEveryMatchingPathAsTheListingShowsIt() {
		JsonNode exported = web.get().uri("/api/v1/attack-paths/export?status=all")
			.headers(headers -> headers.setBearerAuth(VIEWER_TOKEN)).exchange().expectStatus().isOk()
			.expectHeader().valueEquals("Content-Disposition", "attachment; filename=\"leakpath-attack-paths.json\"")
			.expectBody(JsonNode.class).returnResult().getResponseBody();

		assertThat(exported).hasSize(4).isEqualTo(getJson("/api/v1/attack-paths?status=all").get("items"));
		assertThat(paths(exported)).contains("github-secret-to-postgresql acme/infra db-acme-prod");
	}

	@Test
	void metricsThenOpenPathsByRisk() {
		metrics.refresh().block();

		String scrape = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
			.returnResult().getResponseBody();
		for (String risk : List.of("critical", "high", "medium", "low")) {
			long open = postgres
				.count("select count(*) from attack_path where status = 'open' and risk_level = '" + risk + "'");
			assertThat(scrape).contains("leakpath_attack_paths_open{risk=\"" + risk + "\"} " + open + ".0");
		}
		assertThat(postgres.count("select count(*) from attack_path where status = 'open'")).isEqualTo(4);
	}

	private static JsonNode find(JsonNode items, String ruleId) {
		for (JsonNode item : items) {
			if (item.get("rule").get("id").asText().equals(ruleId)) {
				return item;
			}
		}
		throw new AssertionError("no path of rule " + ruleId + " in " + items);
	}

	private static List<String> paths(JsonNode items) {
		List<String> paths = new ArrayList<>();
		items.forEach(item -> paths.add(item.get("rule").get("id").asText() + " "
				+ item.get("repository").get("fullName").asText() + " "
				+ (item.get("target").isNull() ? "-" : item.get("target").get("name").asText())));
		return paths;
	}

	private static List<String> factors(JsonNode path) {
		List<String> factors = new ArrayList<>();
		path.get("riskFactors").forEach(factor -> factors.add(factor.get("factor").asText() + " " + factor.get("points").asInt()));
		return factors;
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach(value -> texts.add(value.asText()));
		return texts;
	}

}
