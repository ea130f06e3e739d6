package dev.leakpath.webhook;

import static dev.leakpath.testsupport.FakeAzureDevOps.API_REPOSITORY;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.leakpath.testsupport.FakeAzureDevOps.CLI_REPOSITORY;
import static dev.leakpath.testsupport.FakeAzureDevOps.ORG;
import static dev.leakpath.testsupport.FakeAzureDevOps.PAYMENTS;
import static dev.leakpath.testsupport.FakeAzureDevOps.TOOLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.AdoPayloads;
import dev.leakpath.testsupport.AdoServiceHookPayloads;
import dev.leakpath.testsupport.AzureDevOpsIntegrationTest;
import dev.leakpath.testsupport.FakeAzureDevOps;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class AzureDevOpsWebhookTests extends AzureDevOpsIntegrationTest {

	private static final String STATE_CHANGED = "ms.vss-alerts.alert-state-changed-event";

	private static final Instant SEEN = Instant.parse("2026-11-20T09:00:00Z");

	private static final String OPEN_TOOLS_REPOSITORY = "5b0f2c7e-9d41-4f3a-a8e6-2c1d7b9e4f10";

	/**
	 * Project OpenTools also holds a repository named like it. Served to every test of this class: the connector
	 * keeps the repositories it found for minutes, so one test's listing is the next one's.
	 */
	@BeforeEach
	void repositoryNamedLikeItsProject() {
		github.server()
			.stubFor(get(urlPathEqualTo("/" + ORG + "/" + TOOLS.id() + "/_apis/git/repositories"))
				.willReturn(FakeAzureDevOps.json(AdoPayloads.list(List.of(
						AdoPayloads.repository(ORG, TOOLS, CLI_REPOSITORY, "cli", false, "refs/heads/trunk"),
						AdoPayloads.repository(ORG, TOOLS, OPEN_TOOLS_REPOSITORY, TOOLS.name(), false,
								"refs/heads/main"))))));
	}

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

	/**
	 * A repository named like its project has the short URL {@code https://dev.azure.com/{org}/_git/{repo}}: Git's
	 * {@code GET …/git/repositories} example in MicrosoftDocs/vsts-rest-api-specs gives
	 * {@code https://dev.azure.com/fabrikam/_git/Fabrikam-Fiber-Git} for project Fabrikam-Fiber-Git.
	 */
	@Test
	void deliveryWhenRepositoryUrlIsTheShortFormThenTheAlertIsReadAgainAndStored() {
		ObjectNode active = ado.alert(OPEN_TOOLS_REPOSITORY, 9, "active", SEEN);
		ado.singleAlert(active);
		ObjectNode resource = active.deepCopy();
		resource.put("repositoryUrl", "https://dev.azure.com/" + ORG + "/_git/" + TOOLS.name());

		post(basic(HOOK_USER, HOOK_PASSWORD), event("ms.vss-alerts.alert-created-event", "e-short", TOOLS.id(), resource))
			.expectStatus()
			.isAccepted();

		awaitDone(1);
		assertThat(postgres.rows("select r.full_name, a.provider_alert_id from alert a join repository r on r.id = a.repository_id"))
			.containsExactly("contoso/OpenTools/OpenTools|9");
	}

	/**
	 * An alert may name its repository by {@code projectId} and {@code repositoryId} only (GUID fields of the
	 * {@code Alert} since 2025-08), in the envelope of the service-hook docs, whose {@code resourceContainers} carry
	 * ids and no organisation: it belongs to the one configured organisation and is read again by ids.
	 */
	@Test
	void deliveryWhenAlertNamesItsRepositoryByIdsOnlyThenReadAgainByIdsInTheConfiguredOrganisation() {
		ObjectNode active = ado.alert(API_REPOSITORY, 31, "active", SEEN);
		((ObjectNode) active.get("validityDetails")).put("validityStatus", "inactive");
		ado.singleAlert(active);
		ObjectNode resource = active.deepCopy();
		resource.remove("repositoryUrl");

		post(basic(HOOK_USER, HOOK_PASSWORD), event(STATE_CHANGED, "e-ids", PAYMENTS.id(), resource)).expectStatus()
			.isAccepted();

		awaitDone(1);
		assertThat(postgres.rows("select scope, repository from webhook_delivery"))
			.containsExactly("contoso|" + PAYMENTS.id() + "/" + API_REPOSITORY);
		assertThat(postgres.rows("select r.full_name, a.provider_alert_id, a.state, a.provider_state, a.validity from alert a "
				+ "join repository r on r.id = a.repository_id"))
			.containsExactly("contoso/Payments/payments-api|31|open|active|inactive");
	}

	/** Real envelopes name the organisation in {@code resourceContainers.*.baseUrl} ({@code https://dev.azure.com/{org}/}). */
	@Test
	void deliveryWhenIdsOnlyAndTheEnvelopeNamesAnotherOrganisationThenIgnored() {
		ObjectNode resource = ado.alert(API_REPOSITORY, 32, "active", SEEN);
		resource.remove("repositoryUrl");
		ObjectNode payload = event(STATE_CHANGED, "e-fabrikam-ids", PAYMENTS.id(), resource);
		payload.get("resourceContainers").forEach(container -> ((ObjectNode) container)
			.put("baseUrl", "https://dev.azure.com/fabrikam/"));

		post(basic(HOOK_USER, HOOK_PASSWORD), payload).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo("organisation 'fabrikam' is not in leakpath.azure-devops.organizations");

		assertThat(postgres.count("select count(*) from webhook_delivery")).isZero();
	}

	@Test
	void deliveryWhenAlertNamesNoRepositoryThen400() {
		ObjectNode resource = ado.alert(API_REPOSITORY, 33, "active", SEEN);
		resource.remove(List.of("repositoryUrl", "repositoryId"));

		post(basic(HOOK_USER, HOOK_PASSWORD), event(STATE_CHANGED, "e-none", PAYMENTS.id(), resource)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("resource names no repository: no repositoryUrl, no projectId and repositoryId");
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
			.isEqualTo("resource.alertId is missing or not a positive integer");

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
