package dev.leakpath.triage;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.GitHubAlertUpdates;
import dev.leakpath.testsupport.GitHubWebhookPayloads;
import dev.leakpath.testsupport.OctokitSchemas;
import dev.leakpath.testsupport.TriageIntegrationTest;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Revocation of leaked GitHub tokens over real HTTP: the token is read with {@code get-alert} without
 * {@code hide_secret}, sent to {@code POST /credentials/revoke} without credentials (github.com: "Any authenticated
 * requests will return a 403"), and the alert is then resolved as {@code revoked} with the documented PATCH. The
 * token never reaches the database nor the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "leakpath.triage.write-interval.github-revocation=PT0.05S")
class GitHubRevocationTests extends TriageIntegrationTest {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static final String REVOKE = "/credentials/revoke";

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void revokeWhenAdminAsksThenTheTokenIsRevokedUnauthenticatedAndTheAlertResolvedAsRevoked(CapturedOutput output) {
		ObjectNode alert = org.openAlert("api", 21, NOW);
		String token = alert.get("secret").asText();
		synced(List.of(alert), List.of());
		github.server().stubFor(readWithSecret(alert).willReturn(FakeGitHub.json(200, withSecret(alert))));
		github.server().stubFor(gitHubAlerts.read(alert).willReturn(FakeGitHub.json(200, GitHubAlertUpdates.asRead(alert))));
		github.server().stubFor(accepted());
		github.server().stubFor(gitHubAlerts.update(alert).willReturn(FakeGitHub.json(200,
				GitHubAlertUpdates.resolved(alert, "revoked", null, NOW.plusSeconds(60)))));

		JsonNode command = triage("/api/v1/alerts/triage", """
				{"action": "revoke", "alertIds": [%d]}""".formatted(alertId("github", "21")));

		assertThat(command.get("resolution").asText()).isEqualTo("revoked");
		JsonNode item = awaitDone(command.get("id").asLong()).get("items").get(0);
		assertThat(item.get("status").asText()).isEqualTo("applied");
		assertThat(item.get("note").asText()).isEqualTo(TriageExecutor.REVOKED);
		List<LoggedRequest> revocations = github.server().findAll(postRequestedFor(urlPathEqualTo(REVOKE)));
		assertThat(revocations).hasSize(1);
		JsonNode body = GitHubAlertUpdates.body(revocations.get(0));
		assertThat(body.toString()).isEqualTo("{\"credentials\":[\"" + token + "\"]}");
		assertThat(OctokitSchemas.requestProblems(REVOKE, "post", body)).isEmpty();
		assertThat(OctokitSchemas.requestProblems(REVOKE, "post", ((ObjectNode) body.deepCopy()).put("credentials", token)))
			.isNotEmpty();
		assertThat(revocations.get(0).containsHeader("Authorization")).isFalse();
		List<LoggedRequest> patches = gitHubAlerts.updates(alert);
		assertThat(patches).hasSize(1);
		assertThat(GitHubAlertUpdates.body(patches.get(0)).toString())
			.isEqualTo("{\"state\":\"resolved\",\"resolution\":\"revoked\"}");
		assertThat(postgres.rows("select revoked_at is not null from triage_item")).containsExactly("t");
		assertThat(postgres.dumpAllTables()).contains("triage_item").doesNotContain(token);
		assertThat(output.getAll()).doesNotContain(token);
	}

	@Test
	void revokeManyThenTheirTokensGoInOneRequestAndEachAlertIsResolved() {
		List<ObjectNode> alerts = List.of(org.openAlert("api", 31, NOW), org.openAlert("api", 32, NOW.minusSeconds(1)),
				org.openAlert("web", 33, NOW.minusSeconds(2)));
		synced(alerts, List.of());
		List<String> tokens = new ArrayList<>();
		for (ObjectNode alert : alerts) {
			tokens.add(alert.get("secret").asText());
			github.server().stubFor(readWithSecret(alert).willReturn(FakeGitHub.json(200, withSecret(alert))));
			github.server().stubFor(gitHubAlerts.read(alert).willReturn(FakeGitHub.json(200,
					GitHubAlertUpdates.asRead(alert))));
			github.server().stubFor(gitHubAlerts.update(alert).willReturn(FakeGitHub.json(200,
					GitHubAlertUpdates.resolved(alert, "revoked", null, NOW.plusSeconds(60)))));
		}
		github.server().stubFor(accepted());

		JsonNode command = triage("/api/v1/alerts/triage", """
				{"action": "revoke", "alertIds": [%d, %d, %d]}""".formatted(alertId("github", "31"),
				alertId("github", "32"), alertId("github", "33")));

		JsonNode done = awaitDone(command.get("id").asLong());
		assertThat(done.get("items").findValuesAsText("status")).containsExactly("applied", "applied", "applied");
		List<LoggedRequest> revocations = github.server().findAll(postRequestedFor(urlPathEqualTo(REVOKE)));
		assertThat(revocations).as("GitHub allows 60 revocation requests an hour: one carries the three").hasSize(1);
		List<String> sent = new ArrayList<>();
		GitHubAlertUpdates.body(revocations.get(0)).get("credentials").forEach(token -> sent.add(token.asText()));
		assertThat(sent).containsExactlyInAnyOrderElementsOf(tokens);
		for (ObjectNode alert : alerts) {
			assertThat(gitHubAlerts.updates(alert)).hasSize(1);
		}
		assertThat(postgres.dumpAllTables()).doesNotContain(tokens.get(0)).doesNotContain(tokens.get(2));
	}

	@Test
	void revokeWhenGitHubRefusesTheListThenTheItemFailsAndTheAlertIsNotResolved(CapturedOutput output) {
		ObjectNode alert = org.openAlert("api", 22, NOW);
		String token = alert.get("secret").asText();
		synced(List.of(alert), List.of());
		github.server().stubFor(readWithSecret(alert).willReturn(FakeGitHub.json(200, withSecret(alert))));
		// 422 "Validation failed, or the endpoint has been spammed.", body as validation-error-simple; a careless
		// server could quote what it was sent
		github.server().stubFor(WireMock.post(urlPathEqualTo(REVOKE)).willReturn(FakeGitHub.json(422, JSON.createObjectNode()
			.put("message", "Validation failed: " + token)
			.put("documentation_url", "https://docs.github.com/rest/credentials/revoke#revoke-a-list-of-credentials"))));

		JsonNode command = triage("/api/v1/alerts/" + alertId("github", "22") + "/triage", """
				{"action": "revoke"}""");

		JsonNode item = awaitDone(command.get("id").asLong()).get("items").get(0);
		assertThat(item.get("status").asText()).isEqualTo("failed");
		assertThat(item.get("lastError").asText()).contains("/credentials/revoke answered 422").doesNotContain(token);
		assertThat(gitHubAlerts.updates(alert)).isEmpty();
		assertThat(postgres.dumpAllTables()).doesNotContain(token);
		// the worker's log is captured (its warning is there), and the token is not in it
		assertThat(output.getAll()).contains("the provider refused: POST /credentials/revoke answered 422").doesNotContain(token);
	}

	@Test
	void revokeWhenATriagerAsksThenItIsForbiddenAndNothingIsStored() {
		ObjectNode alert = org.openAlert("web", 23, NOW);
		synced(List.of(alert), List.of());

		post(ACME_TRIAGER_TOKEN, "/api/v1/alerts/triage", """
				{"action": "revoke", "alertIds": [%d]}""".formatted(alertId("github", "23")))
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.detail").isEqualTo("revoke needs the admin role: a revoked token cannot be restored");

		assertThat(postgres.count("select count(*) from triage_command")).isZero();
	}

	@Test
	void revokeWhenTheAlertIsNotAGitHubTokenThenItIsABadRequestNamingIt() {
		ObjectNode alert = org.alert("api", 24, "slack_api_token", "open", NOW);
		synced(List.of(alert), List.of());
		long alertId = alertId("github", "24");

		post(API_TOKEN, "/api/v1/alerts/triage", """
				{"action": "revoke", "alertIds": [%d]}""".formatted(alertId))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
				.contains("revoke takes only alerts of GitHub personal access tokens")
				.contains(alertId + " (github slack_api_token)"));

		assertThat(postgres.count("select count(*) from triage_command")).isZero();
		assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(REVOKE)))).isEmpty();
	}

	/** {@code get-alert} without {@code hide_secret}: the one read that shows the token. */
	private MappingBuilder readWithSecret(ObjectNode orgAlert) {
		return get(urlPathEqualTo(github.alertPath(orgAlert.get("repository").get("full_name").asText(),
				orgAlert.get("number").asLong()))).withQueryParam("hide_secret", absent());
	}

	/** The alert as get-alert answers it with its {@code secret} (schema secret-scanning-alert). */
	private static ObjectNode withSecret(ObjectNode orgAlert) {
		return GitHubWebhookPayloads.repositoryAlert(orgAlert);
	}

	/**
	 * 202 "Accepted", as {@code credentials/revoke} answers (response {@code accepted}: an object, its example
	 * empty), in @octokit/openapi's api.github.com.json.
	 */
	private static MappingBuilder accepted() {
		return WireMock.post(urlPathEqualTo(REVOKE)).willReturn(FakeGitHub.json(202, JSON.createObjectNode()));
	}

}
