package dev.leakpath.webhook;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.GitHubWebhookPayloads;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.OctokitDescriptions;
import dev.leakpath.testsupport.OctokitSchemas;
import dev.leakpath.testsupport.TestOrganization;
import dev.leakpath.webhook.github.GitHubTestSignature;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * Every {@code secret_scanning_alert} action GitHub's webhook description names (so a new one appears here by
 * itself), each delivery first checked against GitHub's own schema for it, then signed as GitHub signs and
 * delivered: each is accepted and leads to the alert being read again. A finished scan makes the organisation
 * due for a pass.
 */
class GitHubWebhookActionsTests extends IntegrationTest {

	private static final String ALERT_WEBHOOK = "secret-scanning-alert-";

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

	private final TestOrganization org = new TestOrganization();

	@Autowired
	private SyncService sync;

	@Test
	void deliveryWhenEveryDocumentedActionThenConformsToGitHubsSchemaAndTheAlertIsReadAgain() {
		List<String> actions = documentedActions();
		assertThat(actions).contains("created", "reopened", "resolved", "assigned", "unassigned", "publicly_leaked",
				"validated");
		int number = 0;
		for (String action : actions) {
			number++;
			ObjectNode alert = org.alert("web", number, "azure_storage_account_key", "resolved".equals(action) ? "resolved" : "open", NOW);
			alert.set("assigned_to", "unassigned".equals(action) ? alert.nullNode() : GitHubPayloads.user("octocat", 1));
			github.repositoryAlert(alert);
			ObjectNode payload = GitHubWebhookPayloads.alertEvent(action, alert, fullRepository("web"));
			if (action.endsWith("assigned")) {
				payload.set("assignee", GitHubPayloads.user("octocat", 1));
			}
			assertThat(OctokitSchemas.problems(ALERT_WEBHOOK + action.replace('_', '-'), payload)).as(action).isEmpty();

			post("secret_scanning_alert", "d-" + action, payload).expectStatus().isAccepted();
		}
		int deliveries = actions.size();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> postgres.count("select count(*) from webhook_delivery where status = 'done'"), done -> done == deliveries);
		assertThat(postgres.count("select count(*) from alert")).isEqualTo(deliveries);
		assertThat(postgres.rows("select distinct details ->> 'assignedTo' from alert where details ? 'assignedTo'"))
			.containsExactly("octocat");
	}

	@Test
	void scanCompletedWhenTheOrganisationWasPolledThenItIsDueForAPassAgain() {
		github.repositories(ORG, org.orgId(), org.repositories());
		github.alertPages(ORG, List.of(List.of(org.openAlert("api", 1, NOW))), null);
		sync.run("test").block();
		assertThat(sync.runDue("test").blockOptional()).as("due right after a pass").isEmpty();
		ObjectNode organization = GitHubPayloads.organization(ORG, org.orgId());
		organization.retain("login", "id", "node_id", "url", "repos_url", "events_url", "hooks_url", "issues_url",
				"members_url", "public_members_url", "avatar_url", "description");
		ObjectNode scan = JsonNodeFactory.instance.objectNode()
			.put("action", "completed")
			.put("type", "backfill")
			.put("source", "git")
			.put("started_at", "2026-11-20T08:00:00Z")
			.put("completed_at", "2026-11-20T08:40:00Z");
		scan.putArray("secret_types").add("rsa_private_key").add("postgres_connection_string");
		scan.set("organization", organization);
		scan.set("sender", GitHubPayloads.user("mona-secops", 583231));
		assertThat(OctokitSchemas.problems("secret-scanning-scan-completed", scan)).isEmpty();

		post("secret_scanning_scan", "d-scan", scan).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("pass_requested");

		assertThat(sync.runDue("test").blockOptional()).as("a pass after the scan").isPresent();
		assertThat(sync.runDue("test").blockOptional()).as("due again after that pass").isEmpty();
	}

	private static List<String> documentedActions() {
		List<String> actions = new ArrayList<>();
		for (Iterator<String> names = OctokitDescriptions.webhooks().path("webhooks").fieldNames(); names.hasNext();) {
			String name = names.next();
			if (name.startsWith(ALERT_WEBHOOK) && !name.startsWith(ALERT_WEBHOOK + "location")) {
				actions.add(name.substring(ALERT_WEBHOOK.length()).replace('-', '_'));
			}
		}
		return actions;
	}

	private ObjectNode fullRepository(String name) {
		return org.repositories().stream()
			.filter(repository -> repository.get("name").asText().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String event, String deliveryId,
			ObjectNode payload) {
		byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
		return web.post()
			.uri("/webhooks/github")
			.header("X-GitHub-Event", event)
			.header("X-GitHub-Delivery", deliveryId)
			.header("X-GitHub-Hook-ID", "4711")
			.header("X-Hub-Signature-256", GitHubTestSignature.sign(WEBHOOK_SECRET, body))
			.header("User-Agent", "GitHub-Hookshot/044aadd")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
