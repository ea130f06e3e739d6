package dev.leakpath.triage;

import static dev.leakpath.testsupport.FakeAzureDevOps.API_REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.GitHubAlertUpdates;
import dev.leakpath.testsupport.TriageIntegrationTest;

import org.springframework.http.MediaType;

/**
 * Who may triage what, what a refused or wrong request leaves (nothing), and the audit record of each alert a
 * command triages, before and after.
 */
class TriageAccessTests extends TriageIntegrationTest {

	private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

	private ObjectNode gitHubAlert;

	private long gitHubAlertId;

	private long adoAlertId;

	@BeforeEach
	void oneAlertEach() {
		gitHubAlert = org.openAlert("api", 11, NOW);
		synced(List.of(gitHubAlert), List.of(ado.alert(API_REPOSITORY, 31, "active", NOW)));
		gitHubAlertId = alertId("github", "11");
		adoAlertId = alertId("azure_devops", "31");
	}

	@Test
	void triageWhenTheCallerIsAViewerThenForbiddenNamingTheTriagerRoleAndNothingIsStored() {
		String body = "{\"action\": \"dismiss\", \"resolution\": \"false_positive\", \"alertIds\": [" + gitHubAlertId + "]}";

		for (String viewer : new String[] { VIEWER_TOKEN, ACME_TOKEN }) {
			post(viewer, "/api/v1/alerts/triage", body).expectStatus().isForbidden()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("triager role"));
			post(viewer, "/api/v1/alerts/" + gitHubAlertId + "/triage", "{\"action\": \"reopen\"}").expectStatus()
				.isForbidden();
		}

		assertThat(postgres.count("select count(*) from triage_command")).isZero();
		assertThat(postgres.count("select count(*) from audit_event")).isZero();
	}

	@Test
	void triageWhenTheCallerTriagesTheOrganisationThenAcceptedAndEachAlertIsAuditedBeforeAndAfter() {
		github.server().stubFor(gitHubAlerts.read(gitHubAlert)
			.willReturn(FakeGitHub.json(200, GitHubAlertUpdates.asRead(gitHubAlert))));
		github.server().stubFor(gitHubAlerts.update(gitHubAlert)
			.willReturn(FakeGitHub.json(200, GitHubAlertUpdates.resolved(gitHubAlert, "used_in_tests", "fixture", NOW))));

		JsonNode accepted = post(ACME_TRIAGER_TOKEN, "/api/v1/alerts/triage", """
				{"action": "dismiss", "resolution": "used_in_tests", "comment": "fixture",
				 "filter": {"repository": "acme/api", "state": "open"}}""")
			.expectStatus().isAccepted()
			.expectHeader().value("Location", location -> assertThat(location).startsWith("/api/v1/triage/"))
			.expectBody(JsonNode.class).returnResult().getResponseBody();

		assertThat(accepted.get("requestedBy").asText()).isEqualTo("token:acme-secops");
		JsonNode changes = getJson("/api/v1/audit?subject=alert:" + gitHubAlertId).get("items");
		assertThat(changes).hasSize(1);
		JsonNode change = changes.get(0);
		assertThat(change.get("actor").asText()).isEqualTo("token:acme-secops");
		assertThat(change.get("method").asText()).isEqualTo("POST");
		assertThat(change.get("path").asText()).isEqualTo("/api/v1/alerts/triage");
		assertThat(change.get("status").asInt()).isEqualTo(202);
		assertThat(change.get("before")).isEqualTo(json("""
				{"state": "open", "resolution": null, "providerState": "open", "providerResolution": null,
				 "assignee": null}"""));
		assertThat(change.get("after")).isEqualTo(json("""
				{"triageCommand": %d, "action": "dismiss", "state": "resolved", "resolution": "used_in_tests",
				 "comment": "fixture", "assignee": null}""".formatted(accepted.get("id").asLong())));
		assertThat(awaitDone(accepted.get("id").asLong()).get("command").get("counts").get("applied").asInt())
			.isEqualTo(1);
	}

	@Test
	void triageWhenAnAlertIsOfAnOrganisationTheTriagerDoesNotSeeThenNotFoundAndNothingIsStored() {
		post(ACME_TRIAGER_TOKEN, "/api/v1/alerts/triage", """
				{"action": "reopen", "alertIds": [%d, %d]}""".formatted(gitHubAlertId, adoAlertId))
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.detail").isEqualTo("no alert with id " + adoAlertId);

		assertThat(postgres.count("select count(*) from triage_item")).isZero();
	}

	@Test
	void triageWhenTheRequestIsWrongThenBadRequestSayingWhat() {
		assertThat(badRequest("{\"action\": \"resolve\", \"alertIds\": [" + gitHubAlertId + "]}"))
			.isEqualTo("resolve needs a resolution, one of [fixed, revoked]");
		assertThat(badRequest("{\"action\": \"reopen\"}")).isEqualTo("give either alertIds or filter");
		assertThat(badRequest("{\"action\": \"reopen\", \"alertIds\": [1], \"filter\": {\"state\": \"open\"}}"))
			.isEqualTo("give either alertIds or filter");
		assertThat(badRequest("{\"action\": \"reopen\", \"filter\": {}}"))
			.isEqualTo("filter must name at least one condition of GET /api/v1/alerts");
		assertThat(badRequest("{\"action\": \"reopen\", \"filter\": {\"state\": \"closed\"}}"))
			.isEqualTo("filter.state must be one of [open, resolved]");
		assertThat(badRequest("{\"action\": \"reopen\", \"filter\": {\"organization\": \"initech\"}}"))
			.isEqualTo("the filter matches no alert");
		assertThat(badRequest("{\"action\": \"close\", \"alertIds\": [1]}"))
			.isEqualTo("action must be one of assign, resolve, dismiss, reopen, revoke");
		assertThat(postgres.count("select count(*) from triage_command")).isZero();
	}

	@Test
	void commandWhenReadByAViewerOfAnotherOrganisationThenNotFound() {
		JsonNode accepted = triage("/api/v1/alerts/" + adoAlertId + "/triage", """
				{"action": "assign", "assignee": "dana"}""");
		long id = accepted.get("id").asLong();

		web.get().uri("/api/v1/triage/" + id).headers(headers -> headers.setBearerAuth(VIEWER_TOKEN)).exchange()
			.expectStatus().isOk();
		web.get().uri("/api/v1/triage/" + id).headers(headers -> headers.setBearerAuth(ACME_TOKEN)).exchange()
			.expectStatus().isNotFound();
	}

	private static JsonNode json(String text) {
		try {
			return new ObjectMapper().readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private String badRequest(String body) {
		return post(API_TOKEN, "/api/v1/alerts/triage", body).expectStatus()
			.isBadRequest()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("detail")
			.asText();
	}

}
