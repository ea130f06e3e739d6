package dev.leakpath.triage;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.leakpath.testsupport.FakeAzureDevOps.API_REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.AdoAlertUpdates;
import dev.leakpath.testsupport.FakeAzureDevOps;
import dev.leakpath.testsupport.TriageIntegrationTest;

/**
 * Triage of Azure DevOps alerts over real HTTP: {@code Alerts_Update} of the Advanced Security spec reaches Azure
 * DevOps with an {@code AlertStateUpdate}, after {@code Alerts_Get} shows the alert as leakpath read it. Azure
 * DevOps has no assignee: leakpath keeps it, and says so.
 */
class AzureDevOpsTriageTests extends TriageIntegrationTest {

	private static final Instant SEEN = Instant.parse("2026-11-20T08:00:00Z");

	private static final String PROJECT = FakeAzureDevOps.PAYMENTS.name();

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void dismissWhenAzureDevOpsAcceptsThenTheDocumentedPatchReachesItAndTheCommandIsApplied() throws Exception {
		ObjectNode alert = ado.alert(API_REPOSITORY, 21, "active", SEEN);
		synced(List.of(), List.of(alert));
		github.server().stubFor(adoAlerts.read(PROJECT, alert).willReturn(FakeAzureDevOps.json(alert)));
		github.server().stubFor(adoAlerts.update(PROJECT, alert).willReturn(FakeAzureDevOps.json(
				AdoAlertUpdates.dismissed(alert, "falsePositive", "sample value from the docs", SEEN.plusSeconds(60)))));

		JsonNode accepted = triage("/api/v1/alerts/triage", """
				{"action": "dismiss", "resolution": "false_positive", "comment": "sample value from the docs",
				 "filter": {"provider": "azure_devops", "state": "open"}}""");

		JsonNode item = awaitDone(accepted.get("id").asLong()).get("items").get(0);
		assertThat(item.get("status").asText()).isEqualTo("applied");
		assertThat(item.get("answer").get("state").asText()).isEqualTo("dismissed");
		assertThat(item.get("answer").get("resolution").asText()).isEqualTo("falsePositive");
		List<LoggedRequest> patches = adoAlerts.updates(PROJECT, alert);
		assertThat(patches).hasSize(1);
		// AlertStateUpdate: state, dismissedReason (DismissalType), dismissedComment
		assertThat(json.readTree(patches.get(0).getBodyAsString())).isEqualTo(json.readTree("""
				{"state": "dismissed", "dismissedReason": "falsePositive", "dismissedComment": "sample value from the docs"}"""));
		assertThat(patches.get(0).getHeader("Content-Type")).startsWith("application/json");
		assertThat(patches.get(0).getHeader("Authorization")).isEqualTo(
				"Basic " + Base64.getEncoder().encodeToString((":" + PAT).getBytes(StandardCharsets.UTF_8)));
		assertThat(postgres.rows("select state from alert where provider = 'azure_devops'")).containsExactly("open");
	}

	@Test
	void resolveWhenAzureDevOpsFailsLongerThanOneAttemptThenTheItemIsTriedAgainAndApplied() {
		ObjectNode alert = ado.alert(API_REPOSITORY, 22, "active", SEEN);
		synced(List.of(), List.of(alert));
		// five 503s: more than one attempt's retries (4), so the worker tries the item again later
		for (int failure = 0; failure < 5; failure++) {
			github.server().stubFor(adoAlerts.read(PROJECT, alert).inScenario("outage")
				.whenScenarioStateIs(failure == 0 ? STARTED : "down-" + failure)
				.willReturn(AdoAlertUpdates.unavailable())
				.willSetStateTo("down-" + (failure + 1)));
		}
		github.server().stubFor(adoAlerts.read(PROJECT, alert).inScenario("outage").whenScenarioStateIs("down-5")
			.willReturn(FakeAzureDevOps.json(alert)));
		github.server().stubFor(adoAlerts.update(PROJECT, alert).willReturn(FakeAzureDevOps.json(
				AdoAlertUpdates.dismissed(alert, "fixed", null, SEEN.plusSeconds(60)))));

		JsonNode accepted = triage("/api/v1/alerts/" + alertId("azure_devops", "22") + "/triage", """
				{"action": "resolve", "resolution": "revoked"}""");

		JsonNode item = awaitDone(accepted.get("id").asLong()).get("items").get(0);
		assertThat(item.get("status").asText()).isEqualTo("applied");
		assertThat(item.get("attempts").asInt()).isEqualTo(2);
		assertThat(adoAlerts.updates(PROJECT, alert)).singleElement()
			.satisfies(patch -> assertThat(patch.getBodyAsString()).isEqualTo("{\"state\":\"dismissed\",\"dismissedReason\":\"fixed\"}"));
	}

	@Test
	void dismissWhenTheAlertWasDismissedAtAzureDevOpsMeanwhileThenItIsAConflictAndNothingIsWritten() {
		ObjectNode alert = ado.alert(API_REPOSITORY, 23, "active", SEEN);
		synced(List.of(), List.of(alert));
		github.server().stubFor(adoAlerts.read(PROJECT, alert).willReturn(FakeAzureDevOps.json(
				AdoAlertUpdates.dismissed(alert, "acceptedRisk", "emulator key", SEEN.plusSeconds(30)))));

		JsonNode accepted = triage("/api/v1/alerts/" + alertId("azure_devops", "23") + "/triage", """
				{"action": "dismiss", "resolution": "false_positive"}""");

		JsonNode item = awaitDone(accepted.get("id").asLong()).get("items").get(0);
		assertThat(item.get("status").asText()).isEqualTo("conflict");
		assertThat(item.get("note").asText()).contains("state 'active' → 'dismissed'",
				"resolution 'null' → 'acceptedRisk'");
		assertThat(adoAlerts.updates(PROJECT, alert)).isEmpty();
	}

	@Test
	void assignWhenTheAlertIsAzureDevOpsThenLeakpathKeepsTheAssigneeAndSaysSoWithoutAskingAzureDevOps() {
		ObjectNode alert = ado.alert(API_REPOSITORY, 24, "active", SEEN);
		synced(List.of(), List.of(alert));
		int requestsBefore = github.allRequests();

		JsonNode accepted = triage("/api/v1/alerts/" + alertId("azure_devops", "24") + "/triage", """
				{"action": "assign", "assignee": "dana.whitfield@contoso.example"}""");

		assertThat(accepted.get("status").asText()).isEqualTo("done");
		assertThat(accepted.get("counts").get("applied").asInt()).isEqualTo(1);
		assertThat(accepted.get("notes").get(0).get("note").asText())
			.isEqualTo("the provider has no assignees: leakpath keeps this one");
		assertThat(postgres.rows("select assignee, assigned_by like 'token:sha256:%' from alert_assignee"))
			.containsExactly("dana.whitfield@contoso.example|t");
		assertThat(github.allRequests()).isEqualTo(requestsBefore);
		assertThat(getJson("/api/v1/alerts/" + alertId("azure_devops", "24")).get("details")
			.get("assignedTo").asText()).isEqualTo("dana.whitfield@contoso.example");
	}

}
