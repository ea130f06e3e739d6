package dev.leakpath.remediation;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.FakeSecrets;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Time to remediate, SLA compliance and the weekly timeline, from alerts whose provider times are known: every
 * figure below is worked out by hand from them. An alert's SLA is that of the level it had while open; the ones
 * that arrived resolved count as low (5 days here).
 */
@TestPropertySource(properties = "leakpath.notifications.sla.low=P5D")
class RemediationApiTests extends IntegrationTest {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	private final FakeSecrets secrets = new FakeSecrets(7);

	private String openLevel;

	@BeforeEach
	void alertsResolvedAfterKnownTimes() {
		github.repositories(ORG, org.orgId(), org.repositories());
		// api#5 is open at the first pass, so leakpath knows its level; it is resolved 49 hours after it was created
		List<ObjectNode> first = List.of(alert("api", 5, null, hours(50)), alert("api", 1, hours(24 * 9), hours(24 * 10)),
				alert("api", 2, hours(24 * 10), hours(24 * 20)), alert("web", 3, hours(24), hours(24 * 30)),
				alert("infra", 4, null, hours(48)));
		github.alertPages(ORG, List.of(first), null);
		sync.run("test").block();
		openLevel = alert("acme/api", "5").path("risk").path("level").asText();

		List<ObjectNode> second = new ArrayList<>(first);
		second.set(0, alert("api", 5, hours(1), hours(50)));
		github.alertPages(ORG, List.of(second), null);
		sync.run("test").block();
	}

	@Test
	void reportThenMeanP90AndSlaComplianceOfTheResolvedAlerts() {
		JsonNode report = getJson("/api/v1/remediation?by=repository&days=90");

		// 24, 49, 240 and 696 hours
		JsonNode overall = report.get("overall");
		assertThat(overall.get("resolved").asLong()).isEqualTo(4);
		assertThat(overall.get("meanHours").asDouble()).isEqualTo(252.3);
		// percentile_cont: 240 + 0.7 × (696 − 240)
		assertThat(overall.get("p90Hours").asDouble()).isEqualTo(559.2);
		// 24 h and api#5's 49 h are within their SLA, 240 h and 696 h past low's 5 days
		assertThat(overall.get("withinSla").asLong()).isEqualTo(2);
		assertThat(overall.get("slaCompliance").asDouble()).isEqualTo(0.5);
		assertThat(report.get("groups").findValuesAsText("key")).containsExactly("acme/web", "acme/api");
		assertThat(report.get("groups").get(1).get("figures").get("meanHours").asDouble()).isEqualTo(104.3);
		assertThat(report.get("moreGroups").asBoolean()).isFalse();
	}

	@Test
	void reportByRiskThenAResolvedAlertCountsAtTheLevelItHadOpen() {
		assertThat(openLevel).isIn("critical", "high", "medium", "low");

		JsonNode groups = getJson("/api/v1/remediation?by=risk").get("groups");

		assertThat(groups.findValuesAsText("key")).containsExactlyInAnyOrder("unscored", openLevel);
		for (JsonNode group : groups) {
			assertThat(group.get("figures").get("resolved").asLong()).isEqualTo(openLevel.equals(group.get("key").asText()) ? 1 : 3);
		}
	}

	@Test
	void reportWhenTheWindowIsShortThenOnlyItsResolutions() {
		JsonNode report = getJson("/api/v1/remediation?days=2&limit=1");

		// resolved an hour and a day ago
		assertThat(report.get("overall").get("resolved").asLong()).isEqualTo(2);
		assertThat(report.get("groups").findValuesAsText("key")).containsExactly("github");
	}

	@Test
	void weeksThenOpenedFixedAndOpenAtEachEnd() {
		JsonNode weeks = getJson("/api/v1/remediation/weeks?weeks=8");

		assertThat(weeks).hasSize(8);
		long opened = 0;
		long fixed = 0;
		for (JsonNode week : weeks) {
			opened += week.get("opened").asLong();
			fixed += week.get("fixed").asLong();
		}
		assertThat(opened).isEqualTo(5);
		assertThat(fixed).isEqualTo(4);
		assertThat(weeks.get(7).get("openAtEnd").asLong()).isEqualTo(1);
		// before any alert was created nothing was open
		assertThat(weeks.get(0).get("openAtEnd").asLong()).isZero();
		assertThat(weeks.get(0).get("slaCompliance").isNull()).isTrue();
	}

	@Test
	void reportForAViewerOfAnotherOrganisationThenNothing() {
		JsonNode report = web.get().uri("/api/v1/remediation").headers(headers -> headers.setBearerAuth(GLOBEX_TOKEN))
			.exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

		assertThat(report.get("overall").get("resolved").asLong()).isZero();
		assertThat(report.get("overall").get("meanHours").isNull()).isTrue();
		assertThat(report.get("groups")).isEmpty();
	}

	@Test
	void reportWhenParametersAreWrongThenProblemNamingThem() {
		web.get().uri("/api/v1/remediation?by=colour").headers(headers -> headers.setBearerAuth(API_TOKEN)).exchange()
			.expectStatus().isBadRequest().expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString())
				.contains("'by'", "secretType"));
		web.get().uri("/api/v1/remediation/weeks?weeks=105").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange().expectStatus().isBadRequest();
	}

	private ObjectNode alert(String repository, int number, Instant resolvedAt, Instant createdAt) {
		boolean resolved = resolvedAt != null;
		Instant updatedAt = resolved ? resolvedAt : createdAt;
		ObjectNode location = GitHubPayloads.commitLocation(ORG, repository, "config/app-" + number + ".yml", number,
				number, 5, 45, secrets.sha(), secrets.sha());
		return GitHubPayloads.alert(new AlertSpec(ORG, org.orgId(), repository, repositoryId(repository),
				!"api".equals(repository), number, "slack_api_token", "Slack API Token",
				secrets.next("slack_api_token"), resolved ? "resolved" : "open", resolved ? "revoked" : null, "active",
				false, false, createdAt, updatedAt, resolvedAt, location, false));
	}

	private static long repositoryId(String repository) {
		return switch (repository) {
			case "api" -> 9001L;
			case "web" -> 9002L;
			default -> 9003L;
		};
	}

	private static Instant hours(long hours) {
		return NOW.minus(Duration.ofHours(hours));
	}

}
