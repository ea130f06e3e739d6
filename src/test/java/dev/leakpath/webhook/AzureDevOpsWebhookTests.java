package dev.leakpath.webhook;

import static dev.leakpath.testsupport.FakeAzureDevOps.API_REPOSITORY;
import static dev.leakpath.testsupport.FakeAzureDevOps.CLI_REPOSITORY;
import static dev.leakpath.testsupport.FakeAzureDevOps.PAYMENTS;
import static dev.leakpath.testsupport.FakeAzureDevOps.TOOLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.AdoServiceHookPayloads;
import dev.leakpath.testsupport.AzureDevOpsIntegrationTest;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class AzureDevOpsWebhookTests extends AzureDevOpsIntegrationTest {

	private static final String STATE_CHANGED = "ms.vss-alerts.alert-state-changed-event";

	private static final Instant SEEN = Instant.parse("2026-11-20T09:00:00Z");


	@Test
	void deliveryWhenAuthenticatedThenAlertIsReadAgainAndStored() {
		ObjectNode dismissed = ado.alert(API_REPOSITORY, 21, "dismissed", SEEN);
		ado.singleAlert(dismissed);

		post(basic(HOOK_USER, HOOK_PASSWORD), event(STATE_CHANGED, "e-1", PAYMENTS.id(), dismissed)).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("accepted");

		awaitDone(1);
		assertThat(postgres.rows("select r.full_name, a.provider_alert_id, a.state, a.resolution, a.provider_state, "
				+ "a.provider_resolution from alert a join repository r on r.id = a.repository_id"))
			.containsExactly("contoso/Payments/payments-api|21|resolved|false_positive|dismissed|falsePositive");
		assertThat(postgres.rows("select event, action, scope, repository from webhook_delivery"))
			.containsExactly(STATE_CHANGED + "|dismissed|contoso|" + PAYMENTS.id() + "/" + API_REPOSITORY);
		assertThat(postgres.count("select count(*) from alert_location")).isEqualTo(1);
	}

	@Test
	void deliveryWhenRepositoryUrlUsesNamesThenTheRepositoryIsFoundByName() {
		ObjectNode active = ado.alert(CLI_REPOSITORY, 3, "active", SEEN);
		ado.singleAlert(active);
		ObjectNode resource = active.deepCopy();
		resource.put("repositoryUrl", "https://dev.azure.com/contoso/OpenTools/_git/cli");

		post(basic(HOOK_USER, HOOK_PASSWORD),
				event("ms.vss-alerts.alert-created-event", "e-names", TOOLS.id(), resource))
			.expectStatus()
			.isAccepted();

		awaitDone(1);
		assertThat(postgres.rows("select a.state, a.provider_state from alert a")).containsExactly("open|active");
	}

	@Test
	void deliveryWhenBasicCredentialsMissingOrWrongThen401AndNothingStored() {
		ObjectNode payload = event(STATE_CHANGED, "e-unauth", PAYMENTS.id(), ado.alert(API_REPOSITORY, 1, "active", SEEN));

		post(null, payload).expectStatus().isUnauthorized();
		post(basic(HOOK_USER, "wrong-password"), payload).expectStatus().isUnauthorized();
		post(basic("someone-else", HOOK_PASSWORD), payload).expectStatus().isUnauthorized();
		post("Bearer " + HOOK_PASSWORD, payload).expectStatus().isUnauthorized();

		assertThat(postgres.count("select count(*) from webhook_delivery")).isZero();
	}

	@Test
	void deliveryWhenRetriedWithTheSameEventIdThenStoredOnce() {
		ObjectNode active = ado.alert(API_REPOSITORY, 5, "active", SEEN);
		ado.singleAlert(active);
		ObjectNode payload = event(STATE_CHANGED, "e-retried", PAYMENTS.id(), active);

		post(basic(HOOK_USER, HOOK_PASSWORD), payload).expectStatus().isAccepted();
		post(basic(HOOK_USER, HOOK_PASSWORD), payload).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("duplicate");

		awaitDone(1);
		assertThat(postgres.count("select count(*) from webhook_delivery")).isEqualTo(1);
	}

	@Test
	void deliveryWhenNotASecretAlertOrAnotherOrganisationThen202IgnoredAndNothingStored() {
		ObjectNode code = ado.alert(API_REPOSITORY, 6, "active", SEEN);
		code.put("alertType", "code");
		ObjectNode elsewhere = ado.alert(API_REPOSITORY, 7, "active", SEEN);
		elsewhere.put("repositoryUrl", "https://dev.azure.com/fabrikam/Payments/_git/payments-api");

		post(basic(HOOK_USER, HOOK_PASSWORD), event(STATE_CHANGED, "e-code", PAYMENTS.id(), code)).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("ignored");
		post(basic(HOOK_USER, HOOK_PASSWORD), event(STATE_CHANGED, "e-fabrikam", PAYMENTS.id(), elsewhere))
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo("organisation 'fabrikam' is not in leakpath.azure-devops.organizations");

		assertThat(postgres.count("select count(*) from webhook_delivery")).isZero();
	}

	@Test
	void deliveryWhenEnvelopeIncompleteThen400() {
		ObjectNode noEventType = event(STATE_CHANGED, "e-x", PAYMENTS.id(), ado.alert(API_REPOSITORY, 8, "active", SEEN));
		noEventType.remove("eventType");
		ObjectNode noAlertId = event(STATE_CHANGED, "e-y", PAYMENTS.id(), ado.alert(API_REPOSITORY, 8, "active", SEEN));
		((ObjectNode) noAlertId.get("resource")).remove("alertId");

		post(basic(HOOK_USER, HOOK_PASSWORD), noEventType).expectStatus().isBadRequest();
		post(basic(HOOK_USER, HOOK_PASSWORD), noAlertId).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("resource.alertId is missing");

		assertThat(postgres.count("select count(*) from webhook_delivery")).isZero();
	}

	private void awaitDone(int count) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> postgres.rows("select status from webhook_delivery"),
					rows -> rows.size() == count && rows.stream().allMatch("done"::equals));
	}

	private static ObjectNode event(String eventType, String eventId, String projectId, ObjectNode resource) {
		return AdoServiceHookPayloads.event(eventType, eventId, 1, projectId, resource, SEEN.plusSeconds(5));
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private WebTestClient.ResponseSpec post(String authorization, ObjectNode payload) {
		return web.post()
			.uri("/webhooks/azure-devops")
			.headers(headers -> {
				if (authorization != null) {
					headers.set("Authorization", authorization);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(payload.toString())
			.exchange();
	}

}
