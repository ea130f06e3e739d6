package dev.leakpath.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.GitHubAlertUpdates;
import dev.leakpath.testsupport.OctokitSchemas;
import dev.leakpath.testsupport.TriageIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Suppression rules over real HTTP and PostgreSQL: a rule dismisses the open alerts it matches at GitHub, through
 * the triage worker and GitHub's documented update-alert, and does so again when a rescan reopens one or creates
 * a new one in a matching file; alerts it does not match, and those of an expired rule, are left alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = { "leakpath.suppression.interval=PT0.2S",
		"leakpath.suppression.rules[0].name=fixtures", "leakpath.suppression.rules[0].repositories=acme/api,acme/web",
		"leakpath.suppression.rules[0].paths=test/**", "leakpath.suppression.rules[0].resolution=used_in_tests",
		"leakpath.suppression.rules[0].comment=fixtures of the suite",
		"leakpath.suppression.rules[1].name=old-docs", "leakpath.suppression.rules[1].paths=**/*.md",
		"leakpath.suppression.rules[1].resolution=false_positive",
		"leakpath.suppression.rules[1].expires=2020-01-01T00:00:00Z" })
class SuppressionTests extends TriageIntegrationTest {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static final String TOKEN = "github_personal_access_token";

	private static final String UPDATE_ALERT = "/repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}";

	private static final String COMMENT = "Suppressed by leakpath rule 'fixtures': fixtures of the suite";

	@Autowired
	private SuppressionSweep sweep;

	@AfterAll
	void stopSweeping() {
		// its context stays cached for the run: it must not dismiss the alerts of the test classes after it
		sweep.stop();
	}

	@Test
	void aRuleDismissesMatchingAlertsAtGitHubAndDoesSoAgainWhenARescanReopensOrRecreatesThem() {
		ObjectNode fixture = alert("api", 31, "test/fixtures/token.txt", "open", NOW);
		ObjectNode source = alert("api", 32, "src/main/App.java", "open", NOW);
		ObjectNode readme = alert("web", 33, "README.md", "open", NOW);
		ObjectNode otherRepository = alert("infra", 34, "test/keys.txt", "open", NOW);
		for (ObjectNode alert : List.of(fixture, source, readme, otherRepository)) {
			github.server().stubFor(gitHubAlerts.read(alert).willReturn(FakeGitHub.json(200, GitHubAlertUpdates.asRead(alert))));
			github.server().stubFor(gitHubAlerts.update(alert).willReturn(FakeGitHub.json(200,
					GitHubAlertUpdates.resolved(alert, "used_in_tests", COMMENT, NOW.plusSeconds(60)))));
		}
		synced(List.of(fixture, source, readme, otherRepository), List.of());

		awaitApplied("31", 1);
		JsonNode body = GitHubAlertUpdates.body(gitHubAlerts.updates(fixture).get(0));
		assertThat(body.toString()).isEqualTo(
				"{\"state\":\"resolved\",\"resolution\":\"used_in_tests\",\"resolution_comment\":\"" + COMMENT + "\"}");
		assertThat(OctokitSchemas.requestProblems(UPDATE_ALERT, "patch", body)).isEmpty();

		// GitHub's listing confirms it; then a rescan reopens it and finds the secret in a second fixture
		synced(List.of(resolved(fixture, NOW.plusSeconds(60)), source, readme, otherRepository), List.of());
		assertThat(postgres.rows("select state from alert where provider_alert_id = '31'")).containsExactly("resolved");
		ObjectNode reopened = fixture.deepCopy().put("updated_at", NOW.plusSeconds(600).toString());
		ObjectNode recreated = alert("web", 35, "test/data/other.txt", "open", NOW.plusSeconds(600));
		github.server().stubFor(gitHubAlerts.read(recreated).willReturn(FakeGitHub.json(200, GitHubAlertUpdates.asRead(recreated))));
		github.server().stubFor(gitHubAlerts.update(recreated).willReturn(FakeGitHub.json(200,
				GitHubAlertUpdates.resolved(recreated, "used_in_tests", COMMENT, NOW.plusSeconds(660)))));
		synced(List.of(reopened, recreated, source, readme, otherRepository), List.of());

		awaitApplied("31", 2);
		awaitApplied("35", 1);
		assertThat(gitHubAlerts.updates(fixture)).hasSize(2);
		assertThat(gitHubAlerts.updates(recreated)).hasSize(1);
		// not matched: another path, another repository, a rule that expired
		assertThat(gitHubAlerts.updates(source)).isEmpty();
		assertThat(gitHubAlerts.updates(otherRepository)).isEmpty();
		assertThat(gitHubAlerts.updates(readme)).isEmpty();
		assertThat(postgres.rows("select distinct c.source || ' ' || c.action || ' ' || c.resolution from triage_command c"
				+ " join triage_item i on i.command_id = c.id join alert a on a.id = i.alert_id"
				+ " where a.provider_alert_id in ('31', '35')"))
			.containsExactly("rule:fixtures dismiss used_in_tests");
	}

	@Test
	void aDryRunShowsWhatARuleWouldDismissAndWritesNothing() {
		synced(List.of(alert("web", 41, "docs/guide.md", "open", NOW), alert("web", 42, "src/app.js", "open", NOW)),
				List.of());
		long commands = postgres.count("select count(*) from triage_command");

		JsonNode result = dryRun(API_TOKEN, """
				{"name": "try-docs", "repositories": ["acme/web"], "paths": ["**/*.md"], "resolution": "false_positive"}""")
			.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

		assertThat(result.get("matches").asLong()).isEqualTo(1);
		assertThat(result.get("more").asBoolean()).isFalse();
		assertThat(result.get("alerts").get(0).get("providerAlertId").asText()).isEqualTo("41");
		assertThat(result.get("alerts").get(0).get("path").asText()).isEqualTo("docs/guide.md");
		assertThat(postgres.count("select count(*) from triage_command")).isEqualTo(commands);

		assertThat(problem(dryRun(API_TOKEN, """
				{"name": "x", "paths": ["test/**"], "resolution": "closed"}"""))).contains("resolution must be one of");
		assertThat(problem(dryRun(API_TOKEN, """
				{"name": "x", "resolution": "false_positive"}"""))).contains("give at least one of");
		assertThat(problem(dryRun(API_TOKEN, """
				{"name": "x", "paths": ["a/***"], "resolution": "false_positive"}"""))).contains("'a/***' is not a glob");
		dryRun(ACME_TRIAGER_TOKEN, "{\"name\": \"x\", \"paths\": [\"test/**\"], \"resolution\": \"false_positive\"}")
			.expectStatus().isForbidden();
		assertThat(getJson("/api/v1/suppression/rules")).extracting(rule -> rule.get("name").asText())
			.containsExactly("fixtures", "old-docs");
	}

	private ObjectNode alert(String repository, int number, String path, String state, Instant updatedAt) {
		return org.alertAt(repository, number, path, TOKEN, state, updatedAt, org.secretFor(TOKEN));
	}

	private static ObjectNode resolved(ObjectNode alert, Instant at) {
		return alert.deepCopy().put("state", "resolved").put("resolution", "used_in_tests").put("resolved_at", at.toString())
			.put("updated_at", at.toString());
	}

	private static void awaitApplied(String providerAlertId, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> postgres.count("select count(*) from triage_item i"
				+ " join triage_command c on c.id = i.command_id join alert a on a.id = i.alert_id"
				+ " where c.source = 'rule:fixtures' and i.status = 'applied' and a.provider_alert_id = '"
				+ providerAlertId + "'") == count);
	}

	private WebTestClient.ResponseSpec dryRun(String token, String body) {
		return post(token, "/api/v1/suppression/dry-run", body);
	}

	private static String problem(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isBadRequest().expectBody(JsonNode.class).returnResult().getResponseBody()
			.get("detail").asText();
	}

}
