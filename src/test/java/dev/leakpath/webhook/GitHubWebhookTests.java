package dev.leakpath.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.GitHubWebhookPayloads;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.RawHttp;
import dev.leakpath.testsupport.TestOrganization;
import dev.leakpath.webhook.github.GitHubTestSignature;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class GitHubWebhookTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");


	@Autowired
	private SyncService sync;

	@LocalServerPort
	private int port;

	private final TestOrganization org = new TestOrganization();

	@Test
	void deliveryWhenSignedThenAlertIsReadAgainAndTheApiShowsItsNewState() {
		ObjectNode resolved = org.alert("web", 4, "azure_storage_account_key", "resolved", NOW);
		github.repositoryAlert(resolved);

		post("secret_scanning_alert", "d-1", alertEvent("resolved", resolved)).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("accepted");

		JsonNode alert = awaitAlert("acme/web", "4", "resolved");
		assertThat(alert.get("resolution").asText()).isEqualTo("revoked");
		assertThat(alert.get("repository").get("visibility").asText()).isEqualTo("private");
		assertThat(alert.get("secret").get("fingerprint").asText()).matches("[0-9a-f]{64}");
		assertThat(alert.get("locations")).hasSize(1);
		assertThat(postgres.rows("select status, attempts, event, action from webhook_delivery"))
			.containsExactly("done|1|secret_scanning_alert|resolved");
		// the webhook's repository is the full one: no metadata request is needed
		assertThat(github.requests("/repos/acme/web")).isZero();
		assertThat(postgres.dumpAllTables()).doesNotContain(resolved.get("secret").asText());
	}

	@Test
	void locationEventWhenPayloadCarriesTheSecretThenEveryLocationIsStoredAndTheSecretIsNot() {
		ObjectNode open = org.openAlert("api", 7, NOW);
		open.put("has_more_locations", true);
		github.repositoryAlert(open);
		ObjectNode second = GitHubPayloads.commitLocation(ORG, "api", "deploy/values.yaml", 12, 12, 9, 49,
				"a".repeat(40), "b".repeat(40));
		github.locations("acme/api", 7, List.of(firstAsLocation(open), second));

		post("secret_scanning_alert_location", "d-loc",
				GitHubWebhookPayloads.locationEvent(open, second, fullRepository("api")))
			.expectStatus()
			.isAccepted();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> postgres.count("select count(*) from alert_location"), count -> count == 2);
		assertThat(postgres.rows("select path from alert_location order by path"))
			.containsExactly("config/app-7.yml", "deploy/values.yaml");
		assertThat(postgres.dumpAllTables()).doesNotContain(open.get("secret").asText());
	}

	@Test
	void deliveryWhenSignatureMissingOrWrongThen401AndNothingStored() {
		byte[] body = alertEvent("created", org.openAlert("api", 1, NOW)).toString().getBytes(StandardCharsets.UTF_8);

		web.post().uri("/webhooks/github").header("X-GitHub-Event", "secret_scanning_alert")
			.header("X-GitHub-Delivery", "d-unsigned").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
			.exchange().expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").isEqualTo("X-Hub-Signature-256 is missing");
		postRaw("secret_scanning_alert", "d-wrong", body, GitHubTestSignature.sign("not-the-secret", body))
			.expectStatus().isUnauthorized();
		byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"created\"", "\"resolved\"")
			.getBytes(StandardCharsets.UTF_8);
		postRaw("secret_scanning_alert", "d-tampered", tampered, GitHubTestSignature.sign(WEBHOOK_SECRET, body))
			.expectStatus().isUnauthorized();

		assertThat(postgres.count("select count(*) from webhook_delivery")).isZero();
		assertThat(github.requests("/repos/.*")).isZero();
	}

	@Test
	void deliveryWhenRedeliveredWithTheSameIdThenStoredAndProcessedOnce() {
		ObjectNode open = org.openAlert("api", 2, NOW);
		github.repositoryAlert(open);
		ObjectNode event = alertEvent("created", open);

		post("secret_scanning_alert", "d-same", event).expectStatus().isAccepted();
		awaitAlert("acme/api", "2", "open");
		post("secret_scanning_alert", "d-same", event).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("duplicate");

		assertThat(postgres.count("select count(*) from webhook_delivery")).isEqualTo(1);
		assertThat(github.requests(github.alertPath("acme/api", 2))).isEqualTo(1);
	}

	@Test
	void deliveriesWhenOutOfOrderThenTheAlertEndsInItsCurrentState() {
		ObjectNode reopened = org.openAlert("infra", 3, NOW.plusSeconds(60));
		github.repositoryAlert(reopened);
		ObjectNode staleResolved = org.alert("infra", 3, "github_personal_access_token", "resolved", NOW);

		post("secret_scanning_alert", "d-reopened", alertEvent("reopened", reopened)).expectStatus().isAccepted();
		awaitAlert("acme/infra", "3", "open");
		post("secret_scanning_alert", "d-resolved-late", alertEvent("resolved", staleResolved)).expectStatus().isAccepted();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> postgres.count("select count(*) from webhook_delivery where status = 'done'"), done -> done == 2);

		assertThat(postgres.rows("select state, resolution from alert")).containsExactly("open|null");
	}

	@Test
	void deliveryAndPollOfTheSameChangeThenOneRow() {
		ObjectNode open = org.openAlert("api", 5, NOW);
		github.repositoryAlert(open);
		github.alertPages(ORG, List.of(List.of(open)), null);

		post("secret_scanning_alert", "d-and-poll", alertEvent("created", open)).expectStatus().isAccepted();
		awaitAlert("acme/api", "5", "open");
		sync.run("test").block();

		assertThat(postgres.rows("select provider_alert_id, state from alert")).containsExactly("5|open");
		assertThat(postgres.count("select count(*) from alert_location")).isEqualTo(1);
		assertThat(postgres.count("select count(*) from secret")).isEqualTo(1);
	}

	@Test
	void pingThen200AndOtherEventsThen202IgnoredAndCounted() {
		post("ping", "d-ping", GitHubWebhookPayloads.ping(4711)).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("pong");
		post("push", "d-push", GitHubWebhookPayloads.ping(4711)).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("ignored");

		assertThat(postgres.count("select count(*) from webhook_delivery")).isZero();
		String metrics = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(metrics).containsPattern(
				"leakpath_webhook_deliveries_total\\{outcome=\"ignored_event\",provider=\"github\"[^}]*} [1-9]");
	}

	@Test
	void deliveryWhenOrganisationNotConfiguredThen202IgnoredAndNothingStored() {
		ObjectNode alert = org.openAlert("api", 1, NOW);
		ObjectNode event = alertEvent("created", alert);
		ObjectNode stranger = GitHubPayloads.fullRepository("globex", 99, "tools", 123, "public", false, "main");
		event.set("repository", stranger);
		((ObjectNode) event.get("organization")).put("login", "globex");

		post("secret_scanning_alert", "d-stranger", event).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo("organisation 'globex' is not in leakpath.github.organizations");

		assertThat(postgres.count("select count(*) from webhook_delivery")).isZero();
	}

	@Test
	void deliveryWhenBodyIsNotJsonOrHasNoAlertThen400AndNothingStored() {
		byte[] notJson = "{\"action\": \"created\", \"alert\": ".getBytes(StandardCharsets.UTF_8);
		postRaw("secret_scanning_alert", "d-broken", notJson, GitHubTestSignature.sign(WEBHOOK_SECRET, notJson))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("the body is not valid JSON");
		ObjectNode noNumber = alertEvent("created", org.openAlert("api", 1, NOW));
		((ObjectNode) noNumber.get("alert")).remove("number");
		post("secret_scanning_alert", "d-no-number", noNumber).expectStatus().isBadRequest();
		ObjectNode otherOwner = alertEvent("created", org.openAlert("api", 1, NOW));
		((ObjectNode) otherOwner.get("repository")).put("full_name", "globex/api");
		post("secret_scanning_alert", "d-other-owner", otherOwner).expectStatus().isBadRequest();
		ObjectNode dotDot = alertEvent("created", org.openAlert("api", 1, NOW));
		((ObjectNode) dotDot.get("repository")).put("full_name", "acme/..");
		post("secret_scanning_alert", "d-dot-dot", dotDot).expectStatus().isBadRequest();

		assertThat(postgres.count("select count(*) from webhook_delivery")).isZero();
	}

	@Test
	void deliveryWhenAlertNumberIsFractionalOrRepositoryNameTooLongThen400AndNothingStored() {
		ObjectNode fractional = alertEvent("created", org.openAlert("api", 1, NOW));
		((ObjectNode) fractional.get("alert")).put("number", 1.5);
		post("secret_scanning_alert", "d-fractional", fractional).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").isEqualTo("alert.number is missing or not a positive integer");
		ObjectNode longName = alertEvent("created", org.openAlert("api", 1, NOW));
		((ObjectNode) longName.get("repository")).put("full_name", ORG + "/" + "r".repeat(101));
		post("secret_scanning_alert", "d-long-name", longName).expectStatus().isBadRequest();
		ObjectNode longestName = alertEvent("created", org.openAlert("api", 1, NOW));
		((ObjectNode) longestName.get("repository")).put("full_name", ORG + "/" + "r".repeat(100));
		post("secret_scanning_alert", "d-longest-name", longestName).expectStatus().isAccepted();

		assertThat(postgres.rows("select delivery_id from webhook_delivery")).containsExactly("d-longest-name");
	}

	@Test
	void deliveryWhenLargerThanTheDefaultMegabyteThen413() {
		byte[] huge = new byte[1024 * 1024 + 1];
		Arrays.fill(huge, (byte) ' ');

		// over a socket: the 413 comes as soon as Content-Length says too much, and the connection closes, which an
		// HTTP client still sending the body may report as an error of its own instead of the answer
		try (RawHttp sender = RawHttp.connect(port)) {
			sender.send(RawHttp.head("POST /webhooks/github HTTP/1.1", "Content-Type: application/json",
					"X-GitHub-Event: secret_scanning_alert", "X-GitHub-Delivery: d-huge",
					"X-Hub-Signature-256: " + GitHubTestSignature.sign(WEBHOOK_SECRET, huge),
					"Content-Length: " + huge.length));
			assertThat(sender.status(Duration.ofSeconds(10))).isEqualTo(413);
		}
		assertThat(postgres.count("select count(*) from webhook_delivery")).isZero();
	}

	@Test
	void deliveryWhenAlertCannotBeReadThenRetriedParkedListedAndRetriedOnRequest() {
		ObjectNode open = org.openAlert("web", 9, NOW);
		github.server().stubFor(get(urlPathEqualTo(github.alertPath("acme/web", 9)))
			// a permission problem: retried by the worker, but not a failure that opens the circuit breaker
			.willReturn(FakeGitHub.json(403, JsonNodeFactory.instance.objectNode()
				.put("message", "Resource not accessible by integration"))));

		post("secret_scanning_alert", "d-failing", alertEvent("created", open)).expectStatus().isAccepted();

		await().atMost(Duration.ofSeconds(15))
			.until(() -> postgres.rows("select status from webhook_delivery"), rows -> rows.equals(List.of("failed")));
		JsonNode failed = getJson("/api/v1/webhooks/deliveries?status=failed");
		assertThat(failed.get("items")).hasSize(1);
		JsonNode delivery = failed.get("items").get(0);
		assertThat(delivery.get("deliveryId").asText()).isEqualTo("d-failing");
		assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
		assertThat(delivery.get("lastError").asText()).contains("answered 403: Resource not accessible by integration");
		assertThat(getJson("/api/v1/webhooks/deliveries?status=pending").get("items")).isEmpty();

		github.repositoryAlert(open);
		web.post().uri("/api/v1/webhooks/deliveries/" + delivery.get("id").asLong() + "/retry")
			.headers(headers -> headers.setBearerAuth(API_TOKEN)).exchange().expectStatus().isAccepted();

		awaitAlert("acme/web", "9", "open");
		assertThat(postgres.rows("select status, attempts, last_error from webhook_delivery")).containsExactly("done|1|null");
		web.post().uri("/api/v1/webhooks/deliveries/" + delivery.get("id").asLong() + "/retry")
			.headers(headers -> headers.setBearerAuth(API_TOKEN)).exchange().expectStatus().isNotFound();
	}

	@Test
	void deliveryWhenAlertIsGoneThenDoneWithNothingStored() {
		ObjectNode open = org.openAlert("api", 11, NOW);
		github.server().stubFor(get(urlPathEqualTo(github.alertPath("acme/api", 11)))
			.willReturn(FakeGitHub.json(404, GitHubPayloads.user("x", 1).put("message", "Not Found"))));

		post("secret_scanning_alert", "d-gone", alertEvent("resolved", open)).expectStatus().isAccepted();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> postgres.rows("select status from webhook_delivery"), rows -> rows.equals(List.of("done")));
		assertThat(postgres.count("select count(*) from alert")).isZero();
	}

	@Test
	void deliveriesListingWhenUnknownStatusThen400() {
		web.get().uri("/api/v1/webhooks/deliveries?status=lost").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange().expectStatus().isBadRequest();
		web.get().uri("/api/v1/webhooks/deliveries").exchange().expectStatus().isUnauthorized();
	}

	private ObjectNode alertEvent(String action, ObjectNode restAlert) {
		String name = restAlert.get("repository").get("name").asText();
		return GitHubWebhookPayloads.alertEvent(action, restAlert, fullRepository(name));
	}

	private ObjectNode fullRepository(String name) {
		return org.repositories().stream()
			.filter(repository -> repository.get("name").asText().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static ObjectNode firstAsLocation(ObjectNode alert) {
		ObjectNode location = GitHubPayloads.commitLocation(ORG, alert.get("repository").get("name").asText(), "x", 1, 1,
				1, 1, "c".repeat(40), "d".repeat(40));
		location.set("details", alert.get("first_location_detected"));
		return location;
	}

	private WebTestClient.ResponseSpec post(String event, String deliveryId, ObjectNode payload) {
		byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
		return postRaw(event, deliveryId, body, GitHubTestSignature.sign(WEBHOOK_SECRET, body));
	}

	private WebTestClient.ResponseSpec postRaw(String event, String deliveryId, byte[] body, String signature) {
		return web.post()
			.uri("/webhooks/github")
			.header("X-GitHub-Event", event)
			.header("X-GitHub-Delivery", deliveryId)
			.header("X-GitHub-Hook-ID", "4711")
			.header("X-Hub-Signature-256", signature)
			.header("User-Agent", "GitHub-Hookshot/" + UUID.nameUUIDFromBytes(body).toString().substring(0, 7))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private JsonNode awaitAlert(String repository, String number, String state) {
		return await().atMost(Duration.ofSeconds(10)).until(() -> alert(repository, number),
				alert -> alert != null && state.equals(alert.get("state").asText()));
	}

}
