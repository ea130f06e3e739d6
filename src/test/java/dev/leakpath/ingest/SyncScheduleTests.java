package dev.leakpath.ingest;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.ApplicationProcess;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.TestOrganization;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.context.ConfigurableApplicationContext;

/** The polling schedule outlives a database that stalls for longer than its poll interval. */
class SyncScheduleTests {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	private static final Duration POLL_INTERVAL = Duration.ofMillis(300);

	private final TestPostgres postgres = TestPostgres.get();

	private final FakeGitHub github = FakeGitHub.start();

	private final TestOrganization org = new TestOrganization();

	@AfterEach
	void stopGitHub() {
		github.stop();
	}

	@Test
	void scheduleWhenDatabaseStallsPastSeveralPollIntervalsThenPollingResumesAfterwards() throws Exception {
		postgres.truncateAll();
		github.alertPages(ORG, List.of(List.of(org.openAlert("api", 1, NOW.minusSeconds(60)))), null);
		try (ConfigurableApplicationContext instance = ApplicationProcess.start(postgres, github,
				List.of("--leakpath.sync.schedule=true", "--leakpath.sync.initial-delay=PT0.1S",
						"--leakpath.github.poll-interval=" + POLL_INTERVAL, "--leakpath.github.generic-secret-types="))) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> postgres.count("select count(*) from sync_run where status = 'succeeded'") >= 1);

			try (Connection stall = postgres.connect(); Statement statement = stall.createStatement()) {
				stall.setAutoCommit(false);
				// the scheduler's next look at what is due waits behind this lock, as behind a stalled database
				statement.execute("lock table sync_source in access exclusive mode");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> postgres.count("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
							+ "and query like '%sync_source%'") >= 1);
				// the stall itself has to last several ticks: that is the fault under test, not a wait for work
				holdFor(POLL_INTERVAL.multipliedBy(5));
				stall.rollback();
			}
			long runsBefore = postgres.count("select count(*) from sync_run");

			await().atMost(Duration.ofSeconds(20))
				.until(() -> postgres.count("select count(*) from sync_run where status = 'succeeded'") >= runsBefore + 2);
		}
	}

	private static void holdFor(Duration stall) throws InterruptedException {
		long until = System.nanoTime() + stall.toNanos();
		while (System.nanoTime() < until) {
			Thread.sleep(50);
		}
	}

}
