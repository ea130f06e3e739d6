package dev.leakpath.ingest;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.ApplicationProcess;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.TestOrganization;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A pass whose owner is gone, because the database went away mid-pass or because its instance died, is not shown
 * as running for ever: it is interrupted, and the next look at what is due resumes it after its last stored page.
 */
class InterruptedPassTests {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	/** Only the default listing, so that each pass is one sync_source row. */
	private static final List<String> DEFAULT_LISTING_ONLY = List.of("--leakpath.github.generic-secret-types=");

	private final TestPostgres postgres = TestPostgres.get();

	private final FakeGitHub github = FakeGitHub.start();

	private final TestOrganization org = new TestOrganization();

	private final List<List<ObjectNode>> pages = List.of(
			List.of(org.openAlert("api", 1, NOW.minusSeconds(60)), org.openAlert("web", 1, NOW.minusSeconds(120))),
			List.of(org.openAlert("infra", 1, NOW.minusSeconds(180)), org.openAlert("api", 2, NOW.minusSeconds(240))),
			List.of(org.openAlert("web", 2, NOW.minusSeconds(300))));

	@BeforeEach
	void cleanSlate() {
		postgres.truncateAll();
		github.alertPages(ORG, pages, null);
	}

	@AfterEach
	void stopGitHub() {
		postgres.comeBack();
		github.stop();
	}

	@Test
	void syncWhenDatabaseGoesAwayMidPassThenPassIsInterruptedAndTheNextDueRunResumesIt() {
		// page 2 answers slowly, so that the database is gone by the time the pass stores it
		StubMapping slowPage = github.server()
			.stubFor(github.alertsRequest(ORG, 2).atPriority(1).willReturn(FakeGitHub.json(200, "[]").withFixedDelay(5_000)));
		try (ConfigurableApplicationContext instance = ApplicationProcess.start(postgres, github, DEFAULT_LISTING_ONLY)) {
			SyncService sync = instance.getBean(SyncService.class);
			CompletableFuture<UUID> first = sync.run("test").toFuture();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> postgres.count("select count(*) from alert") == 2 && github.alertRequests(ORG, 2) == 1);

			postgres.goDown();
			await().atMost(Duration.ofSeconds(30)).until(first::isDone);
			postgres.comeBack();
			github.server().removeStub(slowPage);

			sync.runDue("schedule").block(Duration.ofSeconds(30));
		}

		assertThat(github.alertRequests(ORG, 1)).isEqualTo(1);
		assertThat(github.alertRequests(ORG, 3)).isEqualTo(1);
		assertThat(postgres.count("select count(*) from alert")).isEqualTo(5);
		assertThat(postgres.rows("select state, last_outcome, resume_point from sync_source"))
			.containsExactly("idle|completed|null");
		assertThat(postgres.rows("select status from sync_run order by started_at")).containsExactly("interrupted",
				"succeeded");
	}

	@Test
	void startWhenAnInstanceDiedMidPassThenItsPassIsShownInterruptedAndResumedFromItsStoredPage() {
		leaveADeadInstancesRows();

		try (ConfigurableApplicationContext instance = ApplicationProcess.start(postgres, github, DEFAULT_LISTING_ONLY)) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> postgres.rows("select state from sync_source").equals(List.of("interrupted"))
						&& postgres.rows("select status from sync_run").equals(List.of("interrupted")));

			instance.getBean(SyncService.class).runDue("schedule").block(Duration.ofSeconds(30));
		}

		assertThat(github.alertRequests(ORG, 1)).isZero();
		assertThat(github.alertRequests(ORG, 2)).isEqualTo(1);
		assertThat(github.alertRequests(ORG, 3)).isEqualTo(1);
		assertThat(postgres.rows("select state, last_outcome, watermark, resume_point from sync_source"))
			.containsExactly("idle|completed|2026-11-01 11:59:00+00|null");
		assertThat(postgres.rows("select status from sync_run order by started_at")).containsExactly("interrupted",
				"succeeded");
	}

	/**
	 * Looking for ownerless rows must not look like an owner: a pass that starts while the look is under way (here
	 * held up part way, by a lock on the dead run's row) runs rather than skipping its scope as polled elsewhere.
	 */
	@Test
	void runWhileOwnerlessRowsAreBeingMarkedThenItsPassResumesRatherThanSkipping() throws SQLException {
		UUID deadRun = leaveADeadInstancesRows();
		try (Connection held = postgres.connect()) {
			held.setAutoCommit(false);
			try (Statement statement = held.createStatement()) {
				statement.execute("select id from sync_run where id = '" + deadRun + "' for update");
			}
			try (ConfigurableApplicationContext instance = ApplicationProcess.start(postgres, github, DEFAULT_LISTING_ONLY)) {
				// the start-up look has marked the pass and now waits to mark the run
				await().atMost(Duration.ofSeconds(20))
					.until(() -> postgres.count("select count(*) from pg_stat_activity where datname = current_database() "
							+ "and wait_event_type = 'Lock' and query like '%sync_run%'") == 1);

				instance.getBean(SyncService.class).run("test").block(Duration.ofSeconds(30));
				held.rollback();
				await().atMost(Duration.ofSeconds(20))
					.until(() -> postgres.rows("select status from sync_run where id = '" + deadRun + "'"),
							status -> status.equals(List.of("interrupted")));
			}
		}

		assertThat(github.alertRequests(ORG, 1)).isZero();
		assertThat(github.alertRequests(ORG, 2)).isEqualTo(1);
		assertThat(github.alertRequests(ORG, 3)).isEqualTo(1);
		assertThat(postgres.rows("select state, last_outcome, resume_point from sync_source"))
			.containsExactly("idle|completed|null");
	}

	/** What an instance killed after storing page 1 leaves behind: its rows running, its locks gone with it. */
	private UUID leaveADeadInstancesRows() {
		Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.user(), postgres.password()).load().migrate();
		UUID deadRun = UUID.randomUUID();
		postgres.execute("insert into sync_run (id, trigger, status, started_at) values ('" + deadRun
				+ "', 'schedule', 'running', now() - interval '1 minute')");
		postgres.execute("insert into sync_source (provider, scope, listing, state, last_run_id, last_started_at, "
				+ "resume_point, pending_watermark, pages, alerts_seen) values ('github', '" + ORG + "', 'default', "
				+ "'running', '" + deadRun + "', now() - interval '1 minute', '" + github.pageUrl(ORG, 2) + "', '"
				+ NOW.minusSeconds(60) + "', 1, 2)");
		return deadRun;
	}

}
