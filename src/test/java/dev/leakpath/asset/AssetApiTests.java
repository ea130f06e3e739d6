package dev.leakpath.asset;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class AssetApiTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

	private static final String STORAGE = """
			{"cloud": "azure", "resourceType": "Microsoft.Storage/storageAccounts",
			 "providerId": "/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.Storage/storageAccounts/acmeprodstore",
			 "name": "acmeprodstore", "region": "westeurope", "accountId": "0a1b", "tags": {"env": "prod"},
			 "internetExposed": true, "sensitiveData": true, "owner": "payments-team"}""";

	private static final String DATABASE_BY_HOST = """
			{"cloud": "azure", "resourceType": "Microsoft.DBforPostgreSQL/flexibleServers",
			 "providerId": "/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders",
			 "name": "orders", "hosts": ["https://DB-ACME-PROD.postgres.database.azure.com:5432/"],
			 "internetExposed": false}""";

	private static final String VAULT = """
			{"cloud": "azure", "resourceType": "Microsoft.KeyVault/vaults",
			 "providerId": "/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.KeyVault/vaults/kv1",
			 "name": "kv1"}""";


	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	@Test
	void putWhenValidThenStoredOnceAndListed() {
		JsonNode first = put("[" + STORAGE + "," + VAULT + "]").expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		JsonNode again = put("[" + STORAGE + "," + VAULT + "]").expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();

		assertThat(first.get("received").asInt()).isEqualTo(2);
		assertThat(first.get("changed").asInt()).isEqualTo(2);
		assertThat(again.get("changed").asInt()).isZero();
		JsonNode page = getJson("/api/v1/assets?cloud=azure");
		assertThat(page.get("items")).hasSize(2);
		JsonNode storage = page.get("items").findParents("name").stream()
			.filter(asset -> asset.get("name").asText().equals("acmeprodstore"))
			.findFirst()
			.orElseThrow();
		assertThat(storage.get("name").asText()).isEqualTo("acmeprodstore");
		assertThat(storage.get("tags").get("env").asText()).isEqualTo("prod");
		assertThat(storage.get("internetExposed").asBoolean()).isTrue();
		assertThat(storage.get("source").asText()).isEqualTo("api");
	}

	@Test
	void putWhenRowsInvalidThen400WithEveryRowsIndexAndNothingStored() {
		String missingProviderId = STORAGE.replace("\"providerId\"", "\"id\"");
		String unknownCloud = VAULT.replace("\"azure\"", "\"ibm\"");

		put("[" + DATABASE_BY_HOST + "," + missingProviderId + "," + unknownCloud + "]").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail").isEqualTo("2 of the assets are invalid; nothing was stored")
			.jsonPath("$.errors[0].index").isEqualTo(1)
			.jsonPath("$.errors[0].field").isEqualTo("providerId")
			.jsonPath("$.errors[1].index").isEqualTo(2)
			.jsonPath("$.errors[1].field").isEqualTo("cloud");
		put("{not json").expectStatus().isBadRequest();

		assertThat(postgres.count("select count(*) from asset")).isZero();
	}

	@Test
	void targetsWhenInventoryChangesThenExistenceFollows() {
		github.alertPages(ORG, List.of(List.of(
				org.alert("api", 1, "postgres_connection_string", "open", NOW),
				org.alert("api", 2, "azure_sas_token", "open", NOW.minusSeconds(1)),
				org.alert("web", 1, "github_personal_access_token", "open", NOW.minusSeconds(2)))), null);
		sync.run("test").block();
		assertThat(alert(ORG + "/api", "1").get("target").get("exists").asText()).isEqualTo("unknown");

		put("[" + VAULT + "]").expectStatus().isOk().expectBody().jsonPath("$.recomputeScheduled").isEqualTo(true);
		// the secrets are re-matched after the answer, in the background
		await().atMost(Duration.ofSeconds(20)).until(() -> exists(ORG + "/api", "1").equals("false"));
		assertThat(exists(ORG + "/api", "2")).isEqualTo("false");

		put("[" + VAULT + "," + STORAGE + "," + DATABASE_BY_HOST + "]").expectStatus().isOk();
		await().atMost(Duration.ofSeconds(20)).until(() -> exists(ORG + "/api", "2").equals("true"));
		JsonNode database = alert(ORG + "/api", "1").get("target");
		JsonNode storage = alert(ORG + "/api", "2").get("target");
		assertThat(database.get("exists").asText()).isEqualTo("true");
		assertThat(storage.get("exists").asText()).isEqualTo("true");
		assertThat(storage.get("assetId").asLong()).isPositive();
		assertThat(alert(ORG + "/web", "1").get("target").get("exists").isNull()).isTrue();
		JsonNode assets = getJson("/api/v1/assets?resourceType=microsoft.storage/storageaccounts");
		assertThat(assets.get("items").get(0).get("exposedSecrets").asInt()).isEqualTo(1);
	}

	@Test
	void putWhenNothingChangesThenNoRecomputeIsScheduled() {
		put("[" + VAULT + "]").expectStatus().isOk();

		put("[" + VAULT + "]").expectStatus().isOk().expectBody().jsonPath("$.recomputeScheduled").isEqualTo(false);
	}

	@Test
	void alertsWhenStoredAfterTheInventoryThenMatchedAtOnce() {
		put("[" + STORAGE + "]").expectStatus().isOk();
		// so that the match below is the one made as the alert is stored, not the inventory's recompute
		awaitGraphRecomputed();
		github.alertPages(ORG, List.of(List.of(org.alert("api", 2, "azure_sas_token", "open", NOW))), null);

		sync.run("test").block();

		assertThat(alert(ORG + "/api", "2").get("target").get("exists").asText()).isEqualTo("true");
	}

	@Test
	void secretsWhenTheInventoryOfTheirCloudLacksTheTargetThenAdvisedAsRemovable() {
		// the inventory knows Azure (a vault) but not the storage account the SAS token names
		put("[" + VAULT + "]").expectStatus().isOk();
		awaitGraphRecomputed();
		github.alertPages(ORG, List.of(List.of(org.alert("api", 2, "azure_sas_token", "open", NOW),
				org.alert("web", 1, "github_personal_access_token", "open", NOW.minusSeconds(1)))), null);

		sync.run("test").block();

		JsonNode secrets = getJson("/api/v1/secrets").get("items");
		assertThat(secrets).hasSize(2);
		assertThat(secrets).filteredOn(secret -> "false".equals(secret.get("target").get("exists").asText()))
			.singleElement()
			.satisfies(secret -> assertThat(secret.get("advice").asText()).startsWith("No resource in the inventory"));
		assertThat(secrets).filteredOn(secret -> !"false".equals(secret.get("target").get("exists").asText()))
			.allSatisfy(secret -> assertThat(secret.get("advice").isNull()).isTrue());
	}

	private String exists(String repository, String providerAlertId) {
		return alert(repository, providerAlertId).get("target").get("exists").asText();
	}

	private WebTestClient.ResponseSpec put(String body) {
		return web.put().uri("/api/v1/assets").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

}
