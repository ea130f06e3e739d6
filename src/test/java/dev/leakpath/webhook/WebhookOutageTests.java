package dev.leakpath.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.ApplicationTest;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.GitHubWebhookPayloads;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;
import dev.leakpath.testsupport.TestPostgres;
import dev.leakpath.webhook.github.GitHubTestSignature;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The application on a database of its own, which this test takes away and brings back. */
@ApplicationTest
class WebhookOutageTests {

	private static final TestPostgres database = TestPostgres.get().sibling("outage");

	private static final FakeGitHub github = FakeGitHub.start();

	@Autowired
	private WebTestClient web;

	private final TestOrganization org = new TestOrganization();

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("leakpath.github.api-url", github::baseUrl);
	}

	@Test
	void deliveryWhenDatabaseIsDownThen503AndTheRedeliveryIsStoredOnceItIsBack() {
		github.reset();
		ObjectNode open = org.openAlert("api", 1, Instant.parse("2026-11-20T09:00:00Z"));
		github.repositoryAlert(open);
		ObjectNode repository = org.repositories().get(0);
		byte[] body = GitHubWebhookPayloads.alertEvent("created", open, repository).toString()
			.getBytes(StandardCharsets.UTF_8);

		database.goDown();
		try {
			post(body).expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.valueEquals(HttpHeaders.RETRY_AFTER, "10")
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("The delivery could not be stored; deliver it again later");
		}
		finally {
			database.comeBack();
		}

		// the sender redelivers: the pool reconnects, and the same delivery id is stored now
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
			.until(() -> post(body).returnResult(String.class).getStatus().value(), status -> status == 202);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> database.rows("select status from webhook_delivery"), rows -> rows.contains("done"));
		assertThat(database.rows("select provider_alert_id, state from alert")).containsExactly("1|open");
	}

	private WebTestClient.ResponseSpec post(byte[] body) {
		return web.post()
			.uri("/webhooks/github")
			.header("X-GitHub-Event", "secret_scanning_alert")
			.header("X-GitHub-Delivery", "d-outage")
			.header("X-Hub-Signature-256", GitHubTestSignature.sign(IntegrationTest.WEBHOOK_SECRET, body))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
