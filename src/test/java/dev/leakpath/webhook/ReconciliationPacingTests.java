package dev.leakpath.webhook;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;

/** The schedule polls less often while webhooks deliver, and at the poll interval (5 min here) otherwise. */
class ReconciliationPacingTests extends IntegrationTest {

	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	@BeforeEach
	void onePollDone() {
		github.alertPages(ORG, List.of(List.of(org.openAlert("api", 1, Instant.parse("2026-11-20T09:00:00Z")))), null);
		sync.run("test").block();
	}

	@Test
	void scheduledPollWhenNoWebhookDeliveredThenDueAfterThePollInterval() {
		assertThat(sync.runDue("schedule").blockOptional()).isEmpty();

		startedMinutesAgo(3);
		assertThat(sync.runDue("schedule").blockOptional()).isPresent();
	}

	@Test
	void scheduledPollWhenWebhooksDeliverThenWaitsForTheReconcileInterval() {
		delivery("github", "now()");
		startedMinutesAgo(10);
		assertThat(sync.runDue("schedule").blockOptional()).isEmpty();

		startedMinutesAgo(60);
		assertThat(sync.runDue("schedule").blockOptional()).isPresent();
	}

	@Test
	void scheduledPollWhenWebhooksFellQuietThenBackToThePollInterval() {
		delivery("github", "now() - interval '7 hours'");
		startedMinutesAgo(10);

		assertThat(sync.runDue("schedule").blockOptional()).isPresent();
	}

	@Test
	void scheduledPollWhenLastPassFailedThenDueAtOnce() {
		delivery("github", "now()");
		postgres.execute("update sync_source set last_outcome = 'failed'");

		assertThat(sync.runDue("schedule").blockOptional()).isPresent();
	}

	private void startedMinutesAgo(int minutes) {
		postgres.execute("update sync_source set last_started_at = now() - interval '" + minutes + " minutes'");
	}

	private void delivery(String provider, String receivedAt) {
		postgres.execute("insert into webhook_delivery (provider, delivery_id, event, scope, repository, alert_id, "
				+ "status, received_at) values ('" + provider + "', 'd-1', 'secret_scanning_alert', 'acme', 'acme/api', "
				+ "'1', 'done', " + receivedAt + ")");
	}

}
