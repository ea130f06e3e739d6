package dev.leakpath.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.ApplicationTest;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.GitHubWebhookPayloads;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;
import dev.leakpath.testsupport.TestPostgres;
import dev.leakpath.webhook.WebhookInbox.ClaimedDelivery;
import dev.leakpath.webhook.github.GitHubTestSignature;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A delivery whose re-read waits longer than the worker's lease (GitHub asks for a pause longer than it) stays
 * with its worker: no other worker claims it meanwhile, and it ends done. On a database of its own, with a short
 * lease.
 */
@ApplicationTest
@TestPropertySource(properties = "leakpath.webhooks.worker.lease=" + WebhookLeaseTests.LEASE)
class WebhookLeaseTests {

	static final String LEASE = "PT1.5S";

	/** Longer than the lease: without renewal the lease lapses twice while the worker waits. */
	private static final String RETRY_AFTER_SECONDS = "4";

	private static final TestPostgres database = TestPostgres.get().sibling("lease");

	private static final FakeGitHub github = FakeGitHub.start();

	@Autowired
	private WebTestClient web;

	@Autowired
	private WebhookInbox inbox;

	private final TestOrganization org = new TestOrganization();

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("leakpath.github.api-url", github::baseUrl);
	}

	@Test
	void deliveryWhenReReadWaitsLongerThanTheLeaseThenNoOtherWorkerClaimsItAndItEndsDone() {
		github.reset();
		ObjectNode open = org.openAlert("api", 1, Instant.parse("2026-11-20T09:00:00Z"));
		String alertPath = github.alertPath("acme/api", 1);
		github.server().stubFor(get(urlPathEqualTo(alertPath)).inScenario("rate limit")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(FakeGitHub.json(429, "{\"message\":\"API rate limit exceeded\"}")
				.withHeader("retry-after", RETRY_AFTER_SECONDS))
			.willSetStateTo("limit over"));
		github.server().stubFor(get(urlPathEqualTo(alertPath)).inScenario("rate limit")
			.whenScenarioStateIs("limit over")
			.willReturn(FakeGitHub.json(200, GitHubWebhookPayloads.repositoryAlert(open))));
		byte[] body = GitHubWebhookPayloads.alertEvent("created", open, org.repositories().get(0)).toString()
			.getBytes(StandardCharsets.UTF_8);

		post(body).expectStatus().isAccepted();

		// another instance's worker looks at the inbox all along, with the same lease
		List<ClaimedDelivery> claimedElsewhere = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
			claimedElsewhere.addAll(inbox.claim(10, Duration.parse(LEASE)).block());
			return database.rows("select status from webhook_delivery").equals(List.of("done"));
		});

		assertThat(claimedElsewhere).isEmpty();
		assertThat(database.rows("select attempts, last_error from webhook_delivery")).containsExactly("1|null");
		assertThat(database.rows("select provider_alert_id, state from alert")).containsExactly("1|open");
		github.server().verify(2, getRequestedFor(urlPathEqualTo(alertPath)));
	}

	private WebTestClient.ResponseSpec post(byte[] body) {
		return web.post()
			.uri("/webhooks/github")
			.header("X-GitHub-Event", "secret_scanning_alert")
			.header("X-GitHub-Delivery", "d-lease")
			.header("X-Hub-Signature-256", GitHubTestSignature.sign(IntegrationTest.WEBHOOK_SECRET, body))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
