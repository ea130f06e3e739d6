package dev.leakpath.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.FakeSecrets;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.GitHubWebhookPayloads;
import dev.leakpath.webhook.github.GitHubTestSignature;

/**
 * Signed GitHub {@code secret_scanning_alert} deliveries about ever new alerts of {@value #REPOSITORIES}
 * repositories of {@value #ORG}. Delivery {@code n} is the same in every JVM, so runs that start at different
 * indexes never repeat a delivery id.
 */
final class WebhookDeliveries {

	static final String ORG = "bench-org";

	static final long ORG_ID = 4242;

	static final String SECRET = "bench-webhook-secret";

	static final int REPOSITORIES = 20;

	private final List<ObjectNode> repositories = new ArrayList<>();

	private final ObjectNode alert;

	WebhookDeliveries() {
		for (int index = 0; index < REPOSITORIES; index++) {
			repositories.add(GitHubPayloads.fullRepository(ORG, ORG_ID, "service-" + index, 60_000 + index,
					index % 3 == 0 ? "public" : "private", false, "main"));
		}
		Instant updated = Instant.parse("2026-11-20T09:00:00Z");
		FakeSecrets secrets = new FakeSecrets(5);
		alert = GitHubPayloads.alert(new AlertSpec(ORG, ORG_ID, "service-0", 60_000, true, 1,
				"github_personal_access_token", "GitHub Personal Access Token",
				secrets.next("github_personal_access_token"), "open", null, "active", false, false,
				updated.minusSeconds(3600), updated, null, null, false));
	}

	Delivery get(int index) {
		ObjectNode event = GitHubWebhookPayloads.alertEvent("created", alert, repositories.get(index % REPOSITORIES));
		((ObjectNode) event.get("alert")).put("number", index / REPOSITORIES + 1);
		byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
		return new Delivery("bench-" + index, body, GitHubTestSignature.sign(SECRET, body));
	}

	/** Deliveries {@code first} to {@code first + count - 1}, signed now, before any clock starts. */
	List<Delivery> range(int first, int count) {
		List<Delivery> deliveries = new ArrayList<>(count);
		for (int index = first; index < first + count; index++) {
			deliveries.add(get(index));
		}
		return deliveries;
	}

	record Delivery(String id, byte[] body, String signature) {
	}

}
