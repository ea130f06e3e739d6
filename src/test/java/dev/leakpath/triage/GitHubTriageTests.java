package dev.leakpath.triage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.GitHubAlertUpdates;
import dev.leakpath.testsupport.OctokitSchemas;
import dev.leakpath.testsupport.TriageIntegrationTest;

/**
 * Triage of GitHub alerts over real HTTP: the documented {@code update-alert} PATCH reaches GitHub (checked
 * against GitHub's own request schema), only after a {@code get-alert} shows the alert as leakpath read it; the
 * provider's answer is kept and nothing is marked done before GitHub agrees.
 */
class GitHubTriageTests extends TriageIntegrationTest {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static final String UPDATE_ALERT = "/repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}";

	@Test
	void resolveWhenGitHubAcceptsThenTheDocumentedPatchReachesItAndTheCommandIsApplied() {
		ObjectNode alert = org.openAlert("api", 1, NOW);
		synced(List.of(alert), List.of());
		github.server().stubFor(gitHubAlerts.read(alert).willReturn(FakeGitHub.json(200, GitHubAlertUpdates.asRead(alert))));
		github.server().stubFor(gitHubAlerts.update(alert).willReturn(FakeGitHub.json(200,
				GitHubAlertUpdates.resolved(alert, "revoked", "rotated on 1 December", NOW.plusSeconds(60)))));
		long alertId = alertId("github", "1");

		JsonNode accepted = triage("/api/v1/alerts/triage", """
				{"action": "resolve", "resolution": "revoked", "comment": "rotated on 1 December", "alertIds": [%d]}"""
			.formatted(alertId));

		assertThat(accepted.get("status").asText()).isEqualTo("pending");
		assertThat(accepted.get("alerts").asLong()).isEqualTo(1);
		JsonNode done = awaitDone(accepted.get("id").asLong());
		JsonNode item = done.get("items").get(0);
		assertThat(item.get("status").asText()).isEqualTo("applied");
		assertThat(item.get("answer").get("state").asText()).isEqualTo("resolved");
		assertThat(item.get("answer").get("resolution").asText()).isEqualTo("revoked");
		List<LoggedRequest> patches = gitHubAlerts.updates(alert);
		assertThat(patches).hasSize(1);
		JsonNode body = GitHubAlertUpdates.body(patches.get(0));
		assertThat(body.toString())
			.isEqualTo("{\"state\":\"resolved\",\"resolution\":\"revoked\",\"resolution_comment\":\"rotated on 1 December\"}");
		assertThat(OctokitSchemas.requestProblems(UPDATE_ALERT, "patch", body)).isEmpty();
		// the schema has teeth: a state GitHub does not know is refused
		assertThat(OctokitSchemas.requestProblems(UPDATE_ALERT, "patch", ((ObjectNode) body.deepCopy()).put("state", "closed")))
			.isNotEmpty();
		assertThat(patches.get(0).getHeader("Authorization")).isEqualTo("token test-github-token");
		assertThat(patches.get(0).getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
		// nothing is marked done locally: the stored alert changes when GitHub is read again
		assertThat(postgres.rows("select state from alert where id = " + alertId)).containsExactly("open");
		assertThat(item.get("confirmed").asBoolean()).isFalse();
		ObjectNode resolved = alert.deepCopy().put("state", "resolved").put("resolution", "revoked")
			.put("resolved_at", NOW.plusSeconds(60).toString()).put("updated_at", NOW.plusSeconds(60).toString());
		synced(List.of(resolved), List.of());
		assertThat(postgres.rows("select state, resolution from alert where id = " + alertId))
			.containsExactly("resolved|revoked");
		assertThat(getJson("/api/v1/triage/" + accepted.get("id").asLong()).get("items").get(0)
			.get("confirmed").asBoolean()).isTrue();
	}

	@Test
	void resolveWhenGitHubIsDownThenUnreachableThenBackThenItIsAppliedOnceGitHubAnswers() {
		ObjectNode alert = org.openAlert("api", 2, NOW);
		synced(List.of(alert), List.of());
		github.server().stubFor(gitHubAlerts.read(alert).willReturn(FakeGitHub.json(200, GitHubAlertUpdates.asRead(alert))));
		github.server().stubFor(gitHubAlerts.update(alert).inScenario("outage").whenScenarioStateIs(STARTED)
			.willReturn(GitHubAlertUpdates.unavailable()).willSetStateTo("unreachable"));
		github.server().stubFor(gitHubAlerts.update(alert).inScenario("outage").whenScenarioStateIs("unreachable")
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("back"));
		github.server().stubFor(gitHubAlerts.update(alert).inScenario("outage").whenScenarioStateIs("back")
			.willReturn(FakeGitHub.json(200, GitHubAlertUpdates.resolved(alert, "false_positive", null, NOW))));

		JsonNode accepted = triage("/api/v1/alerts/" + alertId("github", "2") + "/triage", """
				{"action": "dismiss", "resolution": "false_positive"}""");

		JsonNode item = awaitDone(accepted.get("id").asLong()).get("items").get(0);
		assertThat(item.get("status").asText()).isEqualTo("applied");
		assertThat(item.get("attempts").asInt()).isEqualTo(3);
		// each attempt read the alert first (it was still open), then wrote the same documented change
		assertThat(gitHubAlerts.updates(alert)).hasSize(3)
			.allSatisfy(patch -> assertThat(GitHubAlertUpdates.body(patch).toString())
				.isEqualTo("{\"state\":\"resolved\",\"resolution\":\"false_positive\"}"));
		assertThat(gitHubAlerts.reads(alert)).hasSize(3);
	}

	@Test
	void resolveWhenGitHubRateLimitsThePatchThenItWaitsTheTimeNamedAndSendsItAgain() {
		ObjectNode alert = org.openAlert("api", 3, NOW);
		synced(List.of(alert), List.of());
		github.server().stubFor(gitHubAlerts.read(alert).willReturn(FakeGitHub.json(200, GitHubAlertUpdates.asRead(alert))));
		// a secondary rate limit, as GitHub's docs describe it: 403, a message saying so, and retry-after
		github.server().stubFor(gitHubAlerts.update(alert).inScenario("limit").whenScenarioStateIs(STARTED)
			.willReturn(GitHubAlertUpdates.error(403, "You have exceeded a secondary rate limit. Please wait a few "
					+ "minutes before you try again.").withHeader("retry-after", "1"))
			.willSetStateTo("over"));
		github.server().stubFor(gitHubAlerts.update(alert).inScenario("limit").whenScenarioStateIs("over")
			.willReturn(FakeGitHub.json(200, GitHubAlertUpdates.resolved(alert, "revoked", null, NOW))));

		JsonNode accepted = triage("/api/v1/alerts/" + alertId("github", "3") + "/triage", """
				{"action": "resolve", "resolution": "fixed"}""");

		JsonNode item = awaitDone(accepted.get("id").asLong()).get("items").get(0);
		assertThat(item.get("status").asText()).isEqualTo("applied");
		// waited inside the one claim: a rate-limited request was refused unread, so sending it again is safe
		assertThat(item.get("attempts").asInt()).isEqualTo(1);
		List<LoggedRequest> patches = gitHubAlerts.updates(alert);
		assertThat(patches).hasSize(2);
		assertThat(patches.get(1).getLoggedDate().getTime() - patches.get(0).getLoggedDate().getTime())
			.isGreaterThanOrEqualTo(1000);
	}

	@Test
	void resolveWhenTheAlertWasResolvedDifferentlyAtGitHubThenItIsAConflictAndNothingIsWritten() {
		ObjectNode alert = org.openAlert("web", 4, NOW);
		synced(List.of(alert), List.of());
		// someone closed it on GitHub after leakpath's last poll
		github.server().stubFor(gitHubAlerts.read(alert).willReturn(FakeGitHub.json(200,
				hideSecret(GitHubAlertUpdates.resolved(alert, "wont_fix", "not ours to fix", NOW.plusSeconds(30))))));
		github.server().stubFor(gitHubAlerts.update(alert).willReturn(FakeGitHub.json(200,
				GitHubAlertUpdates.resolved(alert, "revoked", null, NOW))));

		JsonNode accepted = triage("/api/v1/alerts/" + alertId("github", "4") + "/triage", """
				{"action": "resolve", "resolution": "revoked"}""");

		JsonNode done = awaitDone(accepted.get("id").asLong());
		assertThat(done.get("command").get("counts").get("conflict").asInt()).isEqualTo(1);
		JsonNode item = done.get("items").get(0);
		assertThat(item.get("status").asText()).isEqualTo("conflict");
		assertThat(item.get("note").asText()).contains("state 'open' → 'resolved'", "resolution 'null' → 'wont_fix'");
		assertThat(item.get("answer").get("resolution").asText()).isEqualTo("wont_fix");
		assertThat(item.get("read").get("state").asText()).isEqualTo("open");
		assertThat(gitHubAlerts.updates(alert)).isEmpty();
	}

	@Test
	void assignWhenGitHubRefusesTheAssigneeThenTheItemFailsWithGitHubsReason() {
		ObjectNode alert = org.openAlert("api", 5, NOW);
		synced(List.of(alert), List.of());
		github.server().stubFor(gitHubAlerts.read(alert).willReturn(FakeGitHub.json(200, GitHubAlertUpdates.asRead(alert))));
		// update-alert's 422: "assignee does not have write access to the repository"
		github.server().stubFor(gitHubAlerts.update(alert).withRequestBody(equalToJson("{\"assignee\": \"mallory\"}"))
			.willReturn(GitHubAlertUpdates.error(422, "Assignee does not have write access to the repository")));

		JsonNode accepted = triage("/api/v1/alerts/" + alertId("github", "5") + "/triage", """
				{"action": "assign", "assignee": "mallory"}""");

		JsonNode item = awaitDone(accepted.get("id").asLong()).get("items").get(0);
		assertThat(item.get("status").asText()).isEqualTo("failed");
		assertThat(item.get("lastError").asText()).contains("422", "Assignee does not have write access");
		assertThat(item.get("attempts").asInt()).isEqualTo(1);
		assertThat(OctokitSchemas.requestProblems(UPDATE_ALERT, "patch",
				GitHubAlertUpdates.body(gitHubAlerts.updates(alert).get(0)))).isEmpty();
	}

	@Test
	void reopenWhenTheAlertIsGoneAtGitHubThenTheItemFailsAsGone() {
		ObjectNode alert = org.alert("infra", 6, "github_personal_access_token", "resolved", NOW);
		synced(List.of(alert), List.of());
		// get-alert's 404: "Repository is public, or secret scanning is disabled for the repository, or the resource
		// is not found"
		github.server().stubFor(gitHubAlerts.read(alert).willReturn(GitHubAlertUpdates.error(404, "Not Found")));

		JsonNode accepted = triage("/api/v1/alerts/" + alertId("github", "6") + "/triage", """
				{"action": "reopen", "comment": "the key is back in the config"}""");

		JsonNode item = awaitDone(accepted.get("id").asLong()).get("items").get(0);
		assertThat(item.get("status").asText()).isEqualTo("failed");
		assertThat(item.get("lastError").asText()).isEqualTo("the provider no longer has this alert");
		assertThat(gitHubAlerts.updates(alert)).isEmpty();
	}

	private static ObjectNode hideSecret(ObjectNode alert) {
		alert.remove("secret");
		return alert;
	}

}
