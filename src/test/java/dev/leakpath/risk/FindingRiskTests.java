package dev.leakpath.risk;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.asset.AssetInventory;
import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every finding scores by the one model, from its own facts: alerts as their worst path, secrets and
 * repositories as their worst alert, targets as their worst path, each ranked by it page by page.
 */
class FindingRiskTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

	private static final AssetInput STORAGE = new AssetInput("azure", "Microsoft.Storage/storageAccounts",
			"/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.Storage/storageAccounts/acmeprodstore",
			"acmeprodstore", List.of(), null, "0a1b", Map.of(), true, true, null, List.of());

	@Autowired
	private SyncService sync;

	@Autowired
	private AssetInventory inventory;

	private final TestOrganization org = new TestOrganization();

	@BeforeEach
	void alerts() {
		inventory.replaceSource(List.of(STORAGE), "file:test-inventory.yaml").block();
		awaitGraphRecomputed();
		github.alertPages(ORG, List.of(List.of(org.alert("api", 1, "azure_sas_token", "open", NOW),
				org.alert("web", 1, "azure_sas_token", "open", NOW.minusSeconds(1)),
				org.alert("web", 2, "slack_api_token", "open", NOW.minusSeconds(2)),
				org.alert("infra", 1, "slack_api_token", "resolved", NOW.minusSeconds(3)))), null);
		sync.run("test").block();
	}

	@Test
	void alertsThenEachScoresAsItsWorstPathOrAlone() {
		JsonNode ranked = getJson("/api/v1/alerts?sort=risk&limit=2");
		JsonNode rest = getJson("/api/v1/alerts?sort=risk&limit=2&cursor=" + ranked.get("nextCursor").asText());

		List<String> order = new ArrayList<>();
		List<Integer> scores = new ArrayList<>();
		for (JsonNode page : List.of(ranked, rest)) {
			page.get("items").forEach(alert -> {
				order.add(alert.get("repository").get("fullName").asText() + "#" + alert.get("providerAlertId").asText());
				scores.add(alert.get("risk").get("score").asInt());
			});
		}
		// public SAS: 10 + 15 public + 15 valid + 10 inventory + 15 exposed + 15 sensitive; private SAS: 65;
		// private slack token on no path: 10 + 15 valid; resolved: 0
		assertThat(order).containsExactly(ORG + "/api#1", ORG + "/web#1", ORG + "/web#2", ORG + "/infra#1");
		assertThat(scores).containsExactly(80, 65, 25, 0);
		assertThat(rest.get("nextCursor").isNull()).isTrue();

		long alertId = ranked.get("items").get(0).get("id").asLong();
		JsonNode detail = getJson("/api/v1/alerts/" + alertId);
		assertThat(detail.get("providerAlertId").asText()).isEqualTo("1");
		assertThat(detail.get("risk").get("level").asText()).isEqualTo("critical");
		assertThat(detail.get("attackPaths").findValuesAsText("id")).contains("public-github-secret-to-storage");
		assertThat(detail.get("remediation").get(0).asText()).contains("Rotate the storage account key");
	}

	@Test
	void repositoriesSecretsAndTargetsThenRankedByTheirWorstFinding() {
		assertThat(names(getJson("/api/v1/repositories?sort=risk").get("items"), "fullName"))
			.containsExactly(ORG + "/api", ORG + "/web", ORG + "/infra");
		JsonNode web = getJson("/api/v1/repositories?sort=risk").get("items").get(1);
		assertThat(web.get("risk").get("score").asInt()).isEqualTo(65);
		assertThat(web.get("openAlerts").asLong()).isEqualTo(2);

		JsonNode secrets = getJson("/api/v1/secrets?sort=risk").get("items");
		List<Integer> scores = new ArrayList<>();
		secrets.forEach(secret -> scores.add(secret.get("risk").get("score").asInt()));
		assertThat(scores).isSortedAccordingTo(Comparator.reverseOrder()).startsWith(80, 65);

		JsonNode targets = getJson("/api/v1/targets").get("items");
		assertThat(targets).hasSize(1);
		JsonNode store = targets.get(0);
		assertThat(store.get("name").asText()).isEqualTo("acmeprodstore");
		assertThat(store.get("category").asText()).isEqualTo("object_storage");
		assertThat(store.get("riskScore").asInt()).isEqualTo(80);
		assertThat(store.get("secrets").asLong()).isEqualTo(2);
		assertThat(store.get("repositories").asLong()).isEqualTo(2);
		assertThat(store.get("paths").asLong()).isEqualTo(2);
		assertThat(store.get("internetExposed").asBoolean()).isTrue();

		JsonNode headline = getJson("/api/v1/headline");
		assertThat(headline.get("criticalPaths").asLong()).isEqualTo(1);
		assertThat(headline.get("highPaths").asLong()).isEqualTo(1);
		assertThat(headline.get("publicRepositoriesWithPaths").asLong()).isEqualTo(1);
		assertThat(headline.get("reachableTargets").asLong()).isEqualTo(1);
		assertThat(headline.get("validExposedSecrets").asLong()).isEqualTo(3);
	}

	private static List<String> names(JsonNode items, String field) {
		List<String> names = new ArrayList<>();
		items.forEach(item -> names.add(item.get(field).asText()));
		return names;
	}

}
