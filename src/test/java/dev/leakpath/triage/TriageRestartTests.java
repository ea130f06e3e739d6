package dev.leakpath.triage;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.ApplicationProcess;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.GitHubAlertUpdates;
import dev.leakpath.testsupport.TestOrganization;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An instance stopped in the middle of a triage: GitHub took its PATCH, but the instance went away before the
 * answer came. The next instance takes the item once its lease has lapsed, reads the alert, finds it as asked and
 * records it applied, without a second PATCH. On a database of its own, with a short lease.
 */
class TriageRestartTests {

	private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

	private static final String TOKEN = "restart-admin-token-0123456789";

	private static final List<String> SETTINGS = List.of("--leakpath.api.tokens=" + TOKEN,
			"--leakpath.triage.worker.lease=PT2S", "--leakpath.triage.worker.poll-interval=PT0.2S",
			"--leakpath.triage.write-interval.github=PT0S");

	private final TestPostgres postgres = TestPostgres.get().sibling("triage_restart");

	private final FakeGitHub github = FakeGitHub.start();

	private final GitHubAlertUpdates gitHubAlerts = new GitHubAlertUpdates(github);

	private final TestOrganization org = new TestOrganization();

	@AfterEach
	void stopGitHub() {
		github.stop();
	}

	@Test
	void resolveWhenTheInstanceStopsAfterGitHubTookThePatchThenTheNextInstanceAppliesItWithoutWritingAgain() {
		github.reset();
		ObjectNode alert = org.openAlert("api", 1, NOW);
		github.repositories(ORG, org.orgId(), org.repositories());
		github.alertPages(ORG, List.of(List.of(alert)), null);
		github.server().stubFor(gitHubAlerts.read(alert).inScenario("resolve").whenScenarioStateIs(STARTED)
			.willReturn(FakeGitHub.json(200, GitHubAlertUpdates.asRead(alert))));
		// GitHub makes the change at once; its answer would come after the first instance has stopped
		github.server().stubFor(gitHubAlerts.update(alert).inScenario("resolve").whenScenarioStateIs(STARTED)
			.willReturn(FakeGitHub.json(200, GitHubAlertUpdates.resolved(alert, "revoked", null, NOW))
				.withFixedDelay(30_000))
			.willSetStateTo("resolved at GitHub"));
		ObjectNode resolved = GitHubAlertUpdates.resolved(alert, "revoked", null, NOW);
		resolved.remove("secret");
		github.server().stubFor(gitHubAlerts.read(alert).inScenario("resolve").whenScenarioStateIs("resolved at GitHub")
			.willReturn(FakeGitHub.json(200, resolved)));

		long command;
		try (ConfigurableApplicationContext first = ApplicationProcess.start(postgres, github, SETTINGS)) {
			first.getBean(SyncService.class).run("test").block();
			long alertId = postgres.count("select id from alert");
			command = client(first).post().uri("/api/v1/alerts/" + alertId + "/triage")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"action\": \"resolve\", \"resolution\": \"revoked\"}")
				.exchange()
				.expectStatus().isAccepted()
				.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asLong();
			await().atMost(Duration.ofSeconds(20)).until(() -> gitHubAlerts.updates(alert).size() == 1);
		}
		assertThat(postgres.rows("select status, attempts from triage_item")).containsExactly("pending|1");

		try (ConfigurableApplicationContext second = ApplicationProcess.start(postgres, github, SETTINGS)) {
			WebTestClient client = client(second);
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
				.until(() -> "done".equals(command(client, command).get("command").get("status").asText()));
			JsonNode item = command(client, command).get("items").get(0);
			assertThat(item.get("status").asText()).isEqualTo("applied");
			assertThat(item.get("note").asText()).isEqualTo("already so at the provider: nothing written");
			assertThat(item.get("attempts").asInt()).isEqualTo(2);
			assertThat(item.get("answer").get("state").asText()).isEqualTo("resolved");
		}
		assertThat(gitHubAlerts.updates(alert)).hasSize(1);
	}

	private static JsonNode command(WebTestClient client, long id) {
		return client.get().uri("/api/v1/triage/" + id).exchange()
			.expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
			.defaultHeaders(headers -> headers.setBearerAuth(TOKEN))
			.build();
	}

}
