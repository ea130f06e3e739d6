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
 * A process stopped in the middle of a pass: the next process resumes after the last stored page, marks the
 * interrupted run interrupted, and ends with every alert stored once.
 */
class SyncRestartTests {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	private final TestPostgres postgres = TestPostgres.get();

	private final FakeGitHub github = FakeGitHub.start();

	private final TestOrganization org = new TestOrganization();

	@AfterEach
	void stopGitHub() {
		github.stop();
	}

	@Test
	void syncWhenProcessStopsMidPassThenNextProcessResumesAfterLastStoredPage() {
		postgres.truncateAll();
		github.reset();
		List<List<ObjectNode>> pages = List.of(
				List.of(org.openAlert("api", 1, NOW.minusSeconds(60)), org.openAlert("web", 1, NOW.minusSeconds(120))),
				List.of(org.openAlert("infra", 1, NOW.minusSeconds(180)), org.openAlert("api", 2, NOW.minusSeconds(240))),
				List.of(org.openAlert("web", 2, NOW.minusSeconds(300))));
		github.alertPages(ORG, pages, null);
		github.server()
			.stubFor(github.alertsRequest(ORG, 2)
				.atPriority(1)
				.willReturn(FakeGitHub.json(200, "[]").withFixedDelay(30_000)));

		try (ConfigurableApplicationContext first = ApplicationProcess.start(postgres, github)) {
			first.getBean(SyncService.class).start("test").block();
			awaitAlerts(2, Duration.ofSeconds(20));
		}
		assertThat(postgres.rows("select resume_point from sync_source")).containsExactly(github.pageUrl(ORG, 2));

		github.reset();
		github.alertPages(ORG, pages, null);
		try (ConfigurableApplicationContext second = ApplicationProcess.start(postgres, github)) {
			second.getBean(SyncService.class).run("test").block();
		}

		assertThat(github.alertRequests(ORG, 1)).isZero();
		assertThat(github.alertRequests(ORG, 2)).isEqualTo(1);
		assertThat(github.alertRequests(ORG, 3)).isEqualTo(1);
		assertThat(postgres.rows("select r.full_name || '#' || a.provider_alert_id from alert a "
				+ "join repository r on r.id = a.repository_id order by 1"))
			.containsExactly("acme/api#1", "acme/api#2", "acme/infra#1", "acme/web#1", "acme/web#2");
		// the generic listing had not begun when the first process stopped: it runs its first pass after the resume
		assertThat(postgres.rows("select listing, last_outcome, watermark, resume_point from sync_source order by listing"))
			.containsExactly("default|completed|2026-11-01 11:59:00+00|null", "generic|completed|null|null");
		assertThat(postgres.rows("select status from sync_run order by started_at")).containsExactly("interrupted",
				"succeeded");
	}

	private void awaitAlerts(long expected, Duration timeout) {
		await().atMost(timeout).until(() -> postgres.count("select count(*) from alert") >= expected);
	}
}
