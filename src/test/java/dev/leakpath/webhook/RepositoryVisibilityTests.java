package dev.leakpath.webhook;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.GitHubWebhookPayloads;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;
import dev.leakpath.webhook.github.GitHubTestSignature;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * A webhook's repository is the full one (visibility included): when it says the repository turned public, every
 * secret of the repository gets its public-entry paths at once, not when the metadata TTL next reads it.
 */
class RepositoryVisibilityTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	@Test
	void webhookWhenItsRepositoryTurnedPublicThenTheRepositorysOtherSecretsGetPublicPaths() {
		github.repositories(ORG, org.orgId(), org.repositories());
		github.alertPages(ORG, List.of(List.of(org.alert("web", 1, "slack_api_token", "open", NOW))), null);
		sync.run("test").block();
		assertThat(postgres.count("select count(*) from attack_path")).as("a private repository's plaintext secret").isZero();

		ObjectNode second = org.alert("web", 2, "slack_api_token", "open", NOW.plusSeconds(60));
		github.repositoryAlert(second);
		ObjectNode nowPublic = org.repositories().stream()
			.filter(repository -> repository.get("name").asText().equals("web"))
			.findFirst()
			.orElseThrow()
			.put("visibility", "public")
			.put("private", false);
		byte[] body = GitHubWebhookPayloads.alertEvent("created", second, nowPublic).toString()
			.getBytes(StandardCharsets.UTF_8);
		web.post()
			.uri("/webhooks/github")
			.header("X-GitHub-Event", "secret_scanning_alert")
			.header("X-GitHub-Delivery", "d-public")
			.header("X-Hub-Signature-256", GitHubTestSignature.sign(WEBHOOK_SECRET, body))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isAccepted();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> postgres.rows("select a.provider_alert_id from attack_path p join alert a on a.secret_id = p.secret_id "
					+ "where p.status = 'open' and p.rule_id = 'public-github-plaintext-secret' order by 1"),
					alerts -> alerts.equals(List.of("1", "2")));
	}

}
