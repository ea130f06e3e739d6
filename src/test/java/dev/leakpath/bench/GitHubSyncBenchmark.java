package dev.leakpath.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

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
 * Syncs 10,000 alerts over 100 repositories from a WireMock GitHub into PostgreSQL with the shipped defaults
 * (files around bare keys and CODEOWNERS are read), then polls again with nothing changed, and prints GitHub's
 * requests by kind against their budget: the listing pages, one read per distinct file that needs context, one
 * owner lookup per repository; alerts stored per second; and the requests of the unchanged poll (target: one 304
 * per listing, nothing else). One alert in seven is of a generic type (private keys, connection strings,
 * passwords), which GitHub lists only when {@code secret_type} names it; one in seven is a bare storage key,
 * whose file must be read. Every file holds two alerts of one type, listed on the same page; two repositories
 * in three have a {@code .github/CODEOWNERS}. Run with {@code ./mvnw -B -Pbench verify}.
 */
public final class GitHubSyncBenchmark {

	private static final String ORG = "bench-org";

	private static final long ORG_ID = 4242;

	private static final int REPOSITORIES = 100;

	private static final int ALERTS = 10_000;

	private static final int PAGE_SIZE = 100;

	private static final int ALERTS_PER_FILE = 2;

	// one in seven generic (postgres_connection_string): about 14 %
	private static final String[] SECRET_TYPES = { "github_personal_access_token", "azure_storage_account_key",
			"aws_access_key_id", "slack_api_token", "postgres_connection_string", "npm_access_token",
			"openai_api_key" };



	private GitHubSyncBenchmark() {
	}

	public static void main(String[] args) {
		// the database first: a server started before a failure here would keep exec:java waiting on its threads
		TestPostgres postgres = TestPostgres.get();
		FakeGitHub github = FakeGitHub.start();
		try {
			github.reset();
			stubOrganization(github);
			run(postgres, github);
		}
		finally {
			github.stop();
		}
	}

	private static void run(TestPostgres postgres, FakeGitHub github) {
		String[] arguments = GitHubBenchArguments.of(postgres, github, ORG);
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LeakpathApplication.class).run(arguments)) {
			SyncService sync = app.getBean(SyncService.class);
			github.server().resetRequests();
			long started = System.nanoTime();
			sync.run("bench").block();
			Duration firstPass = Duration.ofNanos(System.nanoTime() - started);
			int firstRequests = github.allRequests();
			RequestKinds kinds = RequestKinds.of(github.server().getAllServeEvents());
			int genericListingRequests = github.typedAlertRequests(ORG).size();
			long stored = postgres.count("select count(*) from alert");
			long generic = postgres.count("select count(*) from alert where secret_type = 'postgres_connection_string'");

			github.server().resetRequests();
			sync.run("bench").block();
			int secondRequests = github.allRequests();
			long notModified = github.server()
				.getAllServeEvents()
				.stream()
				.filter(event -> event.getResponse().getStatus() == 304)
				.count();

			Runtime runtime = Runtime.getRuntime();
			System.out.printf("%nGitHub sync benchmark: %d alerts, %d repositories, %d per page%n", ALERTS, REPOSITORIES,
					PAGE_SIZE);
			System.out.printf("  alerts stored                     %d, of which generic types: %d (%.0f %%)%n", stored,
					generic, generic * 100.0 / stored);
			System.out.printf("  first pass                        %d ms%n", firstPass.toMillis());
			System.out.printf("  alerts stored per second          %.0f%n", stored * 1000.0 / firstPass.toMillis());
			System.out.printf("  GitHub requests, first pass       %d%n", firstRequests);
			System.out.printf("  of which generic listing pages    %d%n", genericListingRequests);
			System.out.printf("  GitHub requests per 1,000 alerts  %.2f%n", firstRequests * 1000.0 / stored);
			kinds.print(stored);
			printBudget(kinds, firstRequests, stored - generic, generic);
			System.out.printf("  file reads per such file          %.2f (target 1.00)%n",
					kinds.count(RequestKinds.FILE) / (double) filesNeedingContext());
			System.out.printf("  unchanged poll: requests          %d, of which 304 Not Modified: %d (target: 1 per listing, "
					+ "2)%n", secondRequests, notModified);
			System.out.printf("  heap in use after the run         %d MiB%n",
					(runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
		}
	}

	/**
	 * The requests a first pass may make: every listing page, one read per distinct file needing context, one
	 * owner read per repository and the organisation's repository listing (its record and one page), each read
	 * once per TTL (the unchanged poll below makes none of them again).
	 */
	private static void printBudget(RequestKinds kinds, int total, long listed, long generic) {
		long listing = pages(listed) + pages(generic);
		long files = filesNeedingContext();
		long owners = REPOSITORIES;
		long metadata = 1 + pages(REPOSITORIES);
		System.out.println("  budget per kind (first pass)      used / budget");
		budgetLine(RequestKinds.LISTING, kinds.count(RequestKinds.LISTING), listing);
		budgetLine(RequestKinds.FILE, kinds.count(RequestKinds.FILE), files);
		budgetLine(RequestKinds.OWNERS, kinds.count(RequestKinds.OWNERS), owners);
		budgetLine(RequestKinds.REPOSITORY, kinds.count(RequestKinds.REPOSITORY), metadata);
		budgetLine("total", total, listing + files + owners + metadata);
	}

	private static void budgetLine(String kind, long used, long budget) {
		System.out.printf("    %-34s %6d / %6d  %s%n", kind, used, budget,
				used <= budget ? "within" : "OVER by " + (used - budget));
	}

	private static long pages(long alerts) {
		return (alerts + PAGE_SIZE - 1) / PAGE_SIZE;
	}

	private static void stubOrganization(FakeGitHub github) {
		List<ObjectNode> repositories = new ArrayList<>();
		for (int index = 0; index < REPOSITORIES; index++) {
			repositories.add(GitHubPayloads.fullRepository(ORG, ORG_ID, repositoryName(index), 50_000 + index,
					index % 3 == 0 ? "public" : "private", false, "main"));
		}
		github.repositories(ORG, ORG_ID, repositories);

		FakeSecrets secrets = new FakeSecrets(7);
		Instant newest = Instant.parse("2026-11-01T00:00:00Z");
		List<List<ObjectNode>> pages = new ArrayList<>();
		for (int index = 0; index < ALERTS; index++) {
			if (index % PAGE_SIZE == 0) {
				pages.add(new ArrayList<>());
			}
			pages.get(pages.size() - 1).add(alert(index, newest.minusSeconds(60L * index), secrets));
		}
		github.alertPages(ORG, pages, "W/\"bench-org-v1\"");
		stubFilesAndCodeOwners(github);
		github.notModifiedFor(ORG, "W/\"bench-org-v1\"");
	}

	/**
	 * Alert {@code index} of the listing: repositories take turns by file, so the alerts of one file (one blob, one
	 * type) follow each other in the listing, as the secrets of one push do, and share a page.
	 */
	private static ObjectNode alert(int index, Instant updatedAt, FakeSecrets secrets) {
		int repository = index / ALERTS_PER_FILE % REPOSITORIES;
		String name = repositoryName(repository);
		int number = index / (REPOSITORIES * ALERTS_PER_FILE) * ALERTS_PER_FILE + index % ALERTS_PER_FILE + 1;
		int file = (number - 1) / ALERTS_PER_FILE;
		String type = typeOf(repository, file);
		String blob = String.format("%040x", (long) repository * 1_000_000 + file);
		ObjectNode location = GitHubPayloads.commitLocation(ORG, name, "src/config/settings-" + file + ".yml",
				10 + (number - 1) % ALERTS_PER_FILE * 20, 10 + (number - 1) % ALERTS_PER_FILE * 20, 3, 60, secrets.sha(),
				blob);
		boolean resolved = index % 4 == 0;
		return GitHubPayloads.alert(new AlertSpec(ORG, ORG_ID, name, 50_000 + repository, repository % 3 != 0, number,
				type, type, secrets.next(type), resolved ? "resolved" : "open", resolved ? "revoked" : null, "unknown",
				false, false, updatedAt.minusSeconds(3600), updatedAt, resolved ? updatedAt : null, location, false));
	}

	private static String typeOf(int repository, int file) {
		return SECRET_TYPES[(repository + file) % SECRET_TYPES.length];
	}

	/** Files of bare storage keys: the only type here whose value names no target. */
	private static long filesNeedingContext() {
		long files = 0;
		for (int repository = 0; repository < REPOSITORIES; repository++) {
			for (int file = 0; file < ALERTS / REPOSITORIES / ALERTS_PER_FILE; file++) {
				if ("azure_storage_account_key".equals(typeOf(repository, file))) {
					files++;
				}
			}
		}
		return files;
	}

	/**
	 * Every blob: a settings file naming a storage account beside each key line (10 and 30); CODEOWNERS in
	 * {@code .github/} for two repositories in three, the others have none (null in the owners query, as GitHub
	 * answers it) and no admin teams (their teams read answers 404, as for a repository of a user).
	 */
	private static void stubFilesAndCodeOwners(FakeGitHub github) {
		StringBuilder settings = new StringBuilder();
		for (int line = 1; line <= 40; line++) {
			settings.append(line % 20 == 10 ? "storage: DefaultEndpointsProtocol=https;AccountName=benchstore" + line
					+ ";EndpointSuffix=core.windows.net" : "# line " + line).append('\n');
		}
		github.server().stubFor(get(urlPathMatching("/repos/" + ORG + "/[^/]+/git/blobs/[0-9a-f]{40}"))
			.willReturn(FakeGitHub.json(200, GitHubPayloads.blob(settings.toString()))));
		for (int repository = 0; repository < REPOSITORIES; repository++) {
			if (repository % 3 != 2) {
				github.codeOwners(ORG + "/" + repositoryName(repository), ".github/CODEOWNERS",
						"* @" + ORG + "/team-" + repository + "\n");
			}
		}
	}

	private static String repositoryName(int index) {
		return "service-" + index;
	}

}
