package dev.leakpath.recommendation;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class RecommendationApiTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");


	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	@BeforeEach
	void alertsAndInventory() {
		// acme/api is public, acme/web private, acme/infra internal
		github.alertPages(ORG, List.of(List.of(
				org.alert("api", 1, "postgres_connection_string", "open", NOW),
				org.alert("web", 1, "github_personal_access_token", "resolved", NOW.minusSeconds(1)),
				org.alert("infra", 1, "github_personal_access_token", "open", NOW.minusSeconds(2)))), null);
		sync.run("test").block();
		web.put().uri("/api/v1/assets").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					[{"cloud": "azure", "resourceType": "Microsoft.DBforPostgreSQL/flexibleServers",
					  "providerId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/db-acme-prod",
					  "name": "db-acme-prod", "internetExposed": true, "sensitiveData": true}]""")
			.exchange()
			.expectStatus().isOk();
		awaitGraphRecomputed();
	}

	@Test
	void listThenRiskiestRepositoryFirstWithItsFactorsFindingsAndSteps() {
		JsonNode items = getJson("/api/v1/recommendations").get("items");

		assertThat(items).hasSize(3);
		JsonNode api = items.get(0);
		assertThat(api.get("repository").get("fullName").asText()).isEqualTo("acme/api");
		assertThat(api.get("title").asText()).isEqualTo("GitHub repositories should have secret scanning findings resolved");
		assertThat(api.get("status").asText()).isEqualTo("unhealthy");
		assertThat(api.get("severity").asText()).isEqualTo("critical");
		// its one finding's factors: the path to the database
		assertThat(api.get("factors").findValuesAsText("label")).containsExactly("open exposed secret",
				"public repository", "secret still valid", "target exists in the inventory",
				"target exposed to the internet", "target holds sensitive data");
		assertThat(api.get("factors").findValues("points")).extracting(JsonNode::asInt)
			.containsExactly(10, 15, 15, 10, 15, 15);
		assertThat(api.get("riskScore").asInt()).isEqualTo(80);
		assertThat(api.get("findings")).hasSize(1);
		assertThat(api.get("findings").get(0).get("targetName").asText()).isEqualTo("db-acme-prod");
		assertThat(api.get("remediation").get(0).asText()).contains("database user's password");
		assertThat(items.get(1).get("repository").get("fullName").asText()).isEqualTo("acme/infra");
		assertThat(items.get(1).get("riskScore").asInt()).isEqualTo(10 + 15);
		assertThat(items.get(1).get("factors").findValuesAsText("factor")).containsExactly("exposed_secret", "still_valid");
		assertThat(items.get(1).get("severity").asText()).isEqualTo("medium");
		JsonNode healthy = items.get(2);
		assertThat(healthy.get("repository").get("fullName").asText()).isEqualTo("acme/web");
		assertThat(healthy.get("status").asText()).isEqualTo("healthy");
		assertThat(healthy.get("riskScore").asInt()).isZero();
		assertThat(healthy.get("remediation")).isEmpty();
	}

	@Test
	void listWhenFilteredByStatusThenOnlyThose() {
		assertThat(getJson("/api/v1/recommendations?status=healthy").get("items").findValuesAsText("fullName"))
			.containsExactly("acme/web");
		assertThat(getJson("/api/v1/recommendations?status=unhealthy&limit=1").get("items")).hasSize(1);
		web.get().uri("/api/v1/recommendations?status=fine").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange().expectStatus().isBadRequest();
	}

}
