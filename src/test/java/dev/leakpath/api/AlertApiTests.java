package dev.leakpath.api;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

class AlertApiTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");


	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	@BeforeEach
	void sixAlerts() {
		github.repositories(ORG, org.orgId(), org.repositories());
		github.alertPages(ORG, List.of(List.of(
				org.alert("api", 1, "github_personal_access_token", "open", NOW),
				org.alert("api", 2, "azure_storage_account_key", "resolved", NOW.minusSeconds(1)),
				org.alert("web", 1, "azure_storage_account_key", "open", NOW.minusSeconds(2)),
				org.alert("web", 2, "slack_api_token", "open", NOW.minusSeconds(3)),
				org.alert("infra", 1, "aws_access_key_id", "resolved", NOW.minusSeconds(4)),
				org.alert("infra", 2, "npm_access_token", "open", NOW.minusSeconds(5)))), null);
		sync.run("test").block();
	}

	@Test
	void listWhenNoFilterThenEveryAlertWithRepositorySecretAndLocations() {
		JsonNode page = getJson("/api/v1/alerts");

		assertThat(page.get("items")).hasSize(6);
		assertThat(page.get("nextCursor").isNull()).isTrue();
		JsonNode alert = find(page, "acme/web", "1");
		assertThat(alert.get("provider").asText()).isEqualTo("github");
		assertThat(alert.get("organization").asText()).isEqualTo(ORG);
		assertThat(alert.get("repository").get("visibility").asText()).isEqualTo("private");
		assertThat(alert.get("repository").get("url").asText()).isEqualTo("https://github.com/acme/web");
		assertThat(alert.get("alertUrl").asText()).isEqualTo("https://github.com/acme/web/security/secret-scanning/1");
		assertThat(alert.get("secret").get("fingerprint").asText()).matches("[0-9a-f]{64}");
		assertThat(alert.get("secret").get("preview").asText()).contains("…");
		JsonNode location = alert.get("locations").get(0);
		assertThat(location.get("type").asText()).isEqualTo("commit");
		assertThat(location.get("path").asText()).isEqualTo("config/app-1.yml");
		assertThat(location.get("startLine").asInt()).isEqualTo(1);
		assertThat(location.get("commitSha").asText()).hasSize(40);
		assertThat(location.get("fileUrl").asText()).startsWith("https://github.com/acme/web/blob/");
	}

	@Test
	void listWhenFilteredThenOnlyMatchingAlerts() {
		assertThat(repositoriesAndNumbers("/api/v1/alerts?state=resolved")).containsExactlyInAnyOrder("acme/api#2",
				"acme/infra#1");
		assertThat(repositoriesAndNumbers("/api/v1/alerts?secretType=azure_storage_account_key&state=open"))
			.containsExactly("acme/web#1");
		assertThat(repositoriesAndNumbers("/api/v1/alerts?repository=acme/infra")).containsExactlyInAnyOrder(
				"acme/infra#1", "acme/infra#2");
		assertThat(repositoriesAndNumbers("/api/v1/alerts?provider=azure_devops")).isEmpty();
		assertThat(repositoriesAndNumbers("/api/v1/alerts?organization=acme&validity=active")).hasSize(6);
	}

	@Test
	void listWhenPagedThenCursorWalksEveryAlertOnce() {
		List<String> seen = new ArrayList<>();
		String url = "/api/v1/alerts?limit=4";
		int pages = 0;
		while (url != null) {
			JsonNode page = getJson(url);
			page.get("items").forEach(item -> seen.add(item.get("id").asText()));
			url = page.get("nextCursor").isNull() ? null : "/api/v1/alerts?limit=4&cursor=" + page.get("nextCursor").asText();
			pages++;
		}
		assertThat(pages).isEqualTo(2);
		assertThat(seen).hasSize(6).doesNotHaveDuplicates();
	}

	@Test
	void getWhenKnownThenAlertElseNotFound() {
		String id = getJson("/api/v1/alerts?limit=1").get("items").get(0).get("id").asText();

		assertThat(getJson("/api/v1/alerts/" + id).get("id").asText()).isEqualTo(id);
		problem("/api/v1/alerts/999999", 404, "no alert with id 999999");
		// an id is a whole number, as everywhere; what was taken before still is (leading zeros included)
		problem("/api/v1/alerts/abc", 400, "path parameter 'id' must be a whole number");
		assertThat(getJson("/api/v1/alerts/00" + id).get("id").asText()).isEqualTo(id);
	}

	@Test
	void summaryThenOpenAlertsByDimensionAndADayByDayTimeline() {
		JsonNode summary = getJson("/api/v1/alerts/summary?days=366");

		assertThat(summary.get("openByProvider").toString()).isEqualTo("{\"github\":4}");
		assertThat(summary.get("byState").toString()).isEqualTo("{\"open\":4,\"resolved\":2}");
		assertThat(summary.get("openBySecretType").get("azure_storage_account_key").asLong()).isEqualTo(1);
		assertThat(summary.get("openBySecretType")).hasSize(4);
		long openWithValidity = 0;
		for (JsonNode count : summary.get("openByValidity")) {
			openWithValidity += count.asLong();
		}
		assertThat(openWithValidity).isEqualTo(4);
		JsonNode days = summary.get("days");
		assertThat(days).hasSize(366);
		assertThat(days.get(365).get("day").asText())
			.isEqualTo(postgres.rows("select cast(now() at time zone 'UTC' as date)").get(0));
		long opened = 0;
		long resolved = 0;
		for (JsonNode day : days) {
			opened += day.get("opened").asLong();
			resolved += day.get("resolved").asLong();
		}
		String since = "cast(now() at time zone 'UTC' as date) - 365";
		assertThat(opened).isEqualTo(postgres.count(
				"select count(*) from alert where cast(created_at at time zone 'UTC' as date) >= " + since));
		assertThat(resolved).isEqualTo(postgres.count(
				"select count(*) from alert where cast(resolved_at at time zone 'UTC' as date) >= " + since));
		assertThat(getJson("/api/v1/alerts/summary").get("days")).hasSize(30);
		problem("/api/v1/alerts/summary?days=0", 400, "days must be a whole number from 1 to 366");
	}

	@Test
	void listWhenBadInputThenBadRequestWithMessage() {
		problem("/api/v1/alerts?state=closed", 400, "parameter 'state' must be one of");
		problem("/api/v1/alerts?provider=gitlab", 400, "parameter 'provider' must be one of");
		problem("/api/v1/alerts?validity=maybe", 400, "parameter 'validity' must be one of");
		problem("/api/v1/alerts?limit=0", 400, "limit must be a whole number from 1 to 500");
		problem("/api/v1/alerts?limit=501", 400, "limit must be a whole number from 1 to 500");
		problem("/api/v1/alerts?limit=ten", 400, "limit must be a whole number from 1 to 500");
		problem("/api/v1/alerts?cursor=not-a-cursor", 400, "cursor is not one this API returned");
		problem("/api/v1/alerts?stat=open", 400, "unknown parameter(s) [stat]");
		problem("/api/v1/alerts?state=open&state=resolved", 400, "parameter 'state' is given more than once");
	}

	@Test
	void apiWhenTokenMissingOrWrongThenUnauthorized() {
		web.get().uri("/api/v1/alerts").exchange().expectStatus().isUnauthorized();
		web.get()
			.uri("/api/v1/alerts")
			.header(HttpHeaders.AUTHORIZATION, "Bearer wrong-token")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		web.get().uri("/actuator/health").exchange().expectStatus().isOk();
		// the probes orchestrators and the Docker health check ask, open like /actuator/health
		web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
		web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
		web.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(body -> assertThat(body).contains("leakpath_sync_passes_total"));
	}

	@Test
	void repositoriesWhenSyncedThenMetadataAndOpenAlertCounts() {
		JsonNode page = getJson("/api/v1/repositories");

		List<String> rows = new ArrayList<>();
		page.get("items").forEach(repository -> rows.add(repository.get("fullName").asText() + " "
				+ repository.get("visibility").asText() + " " + repository.get("defaultBranch").asText() + " "
				+ repository.get("openAlerts").asLong() + "/" + repository.get("totalAlerts").asLong()));
		assertThat(rows).containsExactlyInAnyOrder("acme/api public main 1/2", "acme/web private main 2/2",
				"acme/infra internal main 1/2");
	}

	@Test
	void syncWhenPostedThenAcceptedWithRunIdAndStatusShowsSource() {
		web.post()
			.uri("/api/v1/sync")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + API_TOKEN)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.runId")
			.isNotEmpty();

		JsonNode status = getJson("/api/v1/sync");
		JsonNode source = status.get("sources").get(0);
		assertThat(source.get("provider").asText()).isEqualTo("github");
		assertThat(source.get("scope").asText()).isEqualTo(ORG);
		assertThat(source.get("lastSuccessAt").isNull()).isFalse();
		assertThat(source.get("rateLimitRemaining").asInt()).isEqualTo(4990);
		// the posted run goes on in the background: the next test must not find it still under way
		await().atMost(Duration.ofSeconds(20))
			.until(() -> postgres.count("select count(*) from sync_run where finished_at is null"), open -> open == 0);
	}

	private void problem(String uri, int status, String detail) {
		JsonNode body = web.get()
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + API_TOKEN)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(body.get("detail").asText()).contains(detail);
	}

	private List<String> repositoriesAndNumbers(String uri) {
		List<String> result = new ArrayList<>();
		getJson(uri).get("items")
			.forEach(item -> result.add(item.get("repository").get("fullName").asText() + "#"
					+ item.get("providerAlertId").asText()));
		return result;
	}

	private static JsonNode find(JsonNode page, String repository, String number) {
		for (JsonNode item : page.get("items")) {
			if (item.get("repository").get("fullName").asText().equals(repository)
					&& item.get("providerAlertId").asText().equals(number)) {
				return item;
			}
		}
		throw new AssertionError("no alert " + repository + "#" + number);
	}

}
