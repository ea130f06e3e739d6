package dev.leakpath.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.OctokitDescriptions;
import dev.leakpath.webhook.github.GitHubTestSignature;

import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * GitHub's own examples, unedited: the {@code secret_scanning_alert_location} delivery of
 * {@code @octokit/openapi-webhooks} (no {@code organization}, an owner login that is not the full name's
 * owner, a path with a leading slash), and the REST alert and location list of {@code @octokit/openapi}
 * answering the re-read.
 */
class GitHubOfficialExamplesTests extends IntegrationTest {

	private static final String REPOSITORY = "octocat-repo/hello-world";

	@DynamicPropertySource
	static void theExamplesOrganisation(DynamicPropertyRegistry registry) {
		registry.add("leakpath.github.organizations", () -> "octocat-repo");
	}

	@Test
	void locationCreatedExampleWhenSignedThenAcceptedAndTheAlertReadAgainWithWebLinksOnly() {
		JsonNode delivery = OctokitDescriptions.webhookExample("secret-scanning-alert-location-created");
		github.server().stubFor(get(urlPathEqualTo(github.alertPath(REPOSITORY, 42)))
			.willReturn(FakeGitHub.json(200, OctokitDescriptions.restExample("secret-scanning-alert-open"))));
		github.server().stubFor(get(urlPathEqualTo(github.alertPath(REPOSITORY, 42) + "/locations"))
			.willReturn(FakeGitHub.json(200, OctokitDescriptions.restExample("secret-scanning-location-list"))));
		byte[] body = delivery.toString().getBytes(StandardCharsets.UTF_8);

		web.post()
			.uri("/webhooks/github")
			.header("X-GitHub-Event", "secret_scanning_alert_location")
			.header("X-GitHub-Delivery", "0b989ba4-242f-11e5-81e1-c7b6966d2516")
			.header("X-GitHub-Hook-ID", "12312312")
			.header("X-Hub-Signature-256", GitHubTestSignature.sign(WEBHOOK_SECRET, body))
			.header("User-Agent", "GitHub-Hookshot/123abc")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isAccepted();

		JsonNode alert = await().atMost(Duration.ofSeconds(10)).until(() -> alert(REPOSITORY, "42"), found -> found != null);
		assertThat(alert.get("state").asText()).isEqualTo("open");
		assertThat(alert.get("secretType").asText()).isEqualTo("mailchimp_api_key");
		assertThat(alert.get("locations")).hasSize(13);
		for (JsonNode location : alert.get("locations")) {
			String fileUrl = location.get("fileUrl").asText();
			assertThat(fileUrl).as(location.get("type").asText()).startsWith("https://github.com/")
				.doesNotContain("api.github.com").doesNotContain("//example");
			if (!location.get("path").isNull()) {
				assertThat(location.get("path").asText()).doesNotStartWith("/");
			}
		}
		List<String> paths = postgres.rows("select path from alert_location where path is not null order by path");
		assertThat(paths).containsExactly("example/Home.md", "example/secrets.txt");
		assertThat(postgres.dumpAllTables()).doesNotContain("XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX-us2");
	}

}
