package dev.leakpath.ingest;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.ApplicationProcess;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.TestOrganization;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances against one database: while one polls an organisation the other leaves it alone (no double
 * work), and when the first goes away mid-pass the other takes the organisation over from the first one's last
 * stored page (no lost work).
 */
class MultiInstanceTests {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	private final TestPostgres postgres = TestPostgres.get();

	private final FakeGitHub github = FakeGitHub.start();

	private final TestOrganization org = new TestOrganization();

	@AfterEach
	void stopGitHub() {
		github.stop();
	}

	@Test
	void syncOnTwoInstancesThenEachPageIsReadOnceAndEveryAlertStoredOnce() {
		postgres.truncateAll();
		List<List<ObjectNode>> pages = List.of(
				List.of(org.openAlert("api", 1, NOW.minusSeconds(60)), org.openAlert("web", 1, NOW.minusSeconds(120))),
				List.of(org.openAlert("infra", 1, NOW.minusSeconds(180)), org.openAlert("api", 2, NOW.minusSeconds(240))),
				List.of(org.openAlert("web", 2, NOW.minusSeconds(300))));
		github.alertPages(ORG, pages, null);
		// the first instance is still reading page 2 when the second one starts its run
		github.server().stubFor(github.alertsRequest(ORG, 2).atPriority(1)
			.willReturn(FakeGitHub.json(200, "[]").withFixedDelay(30_000)));

		try (ConfigurableApplicationContext second = ApplicationProcess.start(postgres, github)) {
			try (ConfigurableApplicationContext first = ApplicationProcess.start(postgres, github)) {
				first.getBean(SyncService.class).start("test").block();
				await().atMost(Duration.ofSeconds(20))
					.until(() -> postgres.count("select count(*) from alert") == 2 && github.alertRequests(ORG, 2) == 1);

				second.getBean(SyncService.class).run("test").block(Duration.ofSeconds(20));

				assertThat(github.alertRequests(ORG, 1)).isEqualTo(1);
				assertThat(github.alertRequests(ORG, 2)).isEqualTo(1);
				assertThat(postgres.rows("select state from sync_source")).containsExactly("running");
			}
			// the first instance is gone mid-pass; its lock went with its connections
			github.reset();
			github.alertPages(ORG, pages, null);
			second.getBean(SyncService.class).run("test").block(Duration.ofSeconds(30));
		}

		assertThat(github.alertRequests(ORG, 1)).isZero();
		assertThat(github.alertRequests(ORG, 2)).isEqualTo(1);
		assertThat(github.alertRequests(ORG, 3)).isEqualTo(1);
		assertThat(postgres.rows("select r.full_name || '#' || a.provider_alert_id from alert a "
				+ "join repository r on r.id = a.repository_id order by 1"))
			.containsExactly("acme/api#1", "acme/api#2", "acme/infra#1", "acme/web#1", "acme/web#2");
		assertThat(postgres.rows("select listing || ' ' || state || ' ' || last_outcome from sync_source order by listing"))
			.containsExactly("default idle completed", "generic idle completed");
	}
}
