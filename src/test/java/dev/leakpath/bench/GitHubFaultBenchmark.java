package dev.leakpath.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.leakpath.LeakpathApplication;
import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.FakeSecrets;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A first sync of 5,000 alerts against a clean fake GitHub, then the same first sync (empty database) against one
 * that fails every fifth request with a 5xx and every 37th with a secondary rate limit: the faulty sync must finish
 * in one pass, with every alert, in at most twice the clean time. Shipped retry and breaker settings; a first,
 * unmeasured sync warms the JVM up.
 */
public final class GitHubFaultBenchmark {

	private static final String ORG = "fault-org";

	private static final int REPOSITORIES = 50;

	private static final int ALERTS = 5_000;

	private static final int PAGE_SIZE = 100;

	private GitHubFaultBenchmark() {
	}

	public static void main(String[] args) {
		InjectedFaults faults = new InjectedFaults();
		// the database first: a server started before a failure here would keep exec:java waiting on its threads
		TestPostgres postgres = TestPostgres.get();
		FakeGitHub github = FakeGitHub.start(faults);
		try {
			github.reset();
			stubOrganization(github);
			String[] arguments = GitHubBenchArguments.pollingOnly(postgres, github, ORG);
			// a first run warms the JVM up, so that neither measured run pays for it
			firstSync(arguments, github, postgres);
			postgres.truncateAll();
			Run clean = firstSync(arguments, github, postgres);
			postgres.truncateAll();
			faults.enable();
			Run faulty = firstSync(arguments, github, postgres);
			System.out.printf("%nGitHub fault benchmark: first sync of %d alerts, %d repositories%n", ALERTS, REPOSITORIES);
			print("clean", clean);
			print("faulty", faulty);
			System.out.printf("  faulty / clean time               %.2f (target <= 2.00)%n",
					faulty.time().toMillis() / (double) clean.time().toMillis());
		}
		finally {
			github.stop();
		}
	}

	private static Run firstSync(String[] arguments, FakeGitHub github, TestPostgres postgres) {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LeakpathApplication.class)
			.run(arguments)) {
			github.server().resetRequests();
			long started = System.nanoTime();
			app.getBean(SyncService.class).run("bench").block();
			Duration time = Duration.ofNanos(System.nanoTime() - started);
			long failures = github.server().getAllServeEvents().stream()
				.filter(event -> event.getResponse().getStatus() >= 500 || event.getResponse().getStatus() == 429)
				.count();
			return new Run(time, github.allRequests(), failures, postgres.count("select count(*) from alert"),
					postgres.rows("select listing || ' ' || last_outcome || ' after ' || pages || ' pages' from sync_source order by listing"),
					postgres.count("select count(*) from sync_run"));
		}
	}

	private static void print(String name, Run run) {
		System.out.printf("  %-6s time %6d ms, requests %4d, of which failed (5xx, 429) %3d (%.0f %%), alerts %d, "
				+ "runs %d, listings %s%n", name, run.time().toMillis(), run.requests(), run.failures(),
				run.failures() * 100.0 / run.requests(), run.alerts(), run.runs(), run.listings());
	}

	private static void stubOrganization(FakeGitHub github) {
		List<ObjectNode> repositories = new ArrayList<>();
		for (int index = 0; index < REPOSITORIES; index++) {
			repositories.add(GitHubPayloads.fullRepository(ORG, 4343, "service-" + index, 60_000 + index,
					index % 3 == 0 ? "public" : "private", false, "main"));
		}
		github.repositories(ORG, 4343, repositories);
		FakeSecrets secrets = new FakeSecrets(11);
		Instant newest = Instant.parse("2026-11-01T00:00:00Z");
		List<List<ObjectNode>> pages = new ArrayList<>();
		for (int index = 0; index < ALERTS; index++) {
			if (index % PAGE_SIZE == 0) {
				pages.add(new ArrayList<>());
			}
			pages.get(pages.size() - 1).add(alert(index, newest.minusSeconds(60L * index), secrets));
		}
		github.alertPages(ORG, pages, null);
	}

	private static ObjectNode alert(int index, Instant updatedAt, FakeSecrets secrets) {
		int repository = index % REPOSITORIES;
		String name = "service-" + repository;
		int number = index / REPOSITORIES + 1;
		String type = index % 3 == 0 ? "azure_storage_account_key" : "github_personal_access_token";
		ObjectNode location = GitHubPayloads.commitLocation(ORG, name, "src/config/settings-" + number + ".yml", 10, 10,
				3, 60, secrets.sha(), secrets.sha());
		return GitHubPayloads.alert(new AlertSpec(ORG, 4343, name, 60_000 + repository, repository % 3 != 0, number, type,
				type, secrets.next(type), "open", null, "unknown", false, false, updatedAt.minusSeconds(3600), updatedAt,
				null, location, false));
	}

	private record Run(Duration time, int requests, long failures, long alerts, List<String> listings, long runs) {
	}

}
