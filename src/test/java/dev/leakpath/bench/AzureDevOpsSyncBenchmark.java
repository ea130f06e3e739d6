package dev.leakpath.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.leakpath.LeakpathApplication;
import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.AdoAlertSpec;
import dev.leakpath.testsupport.AdoPayloads;
import dev.leakpath.testsupport.FakeAzureDevOps;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.FakeSecrets;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Syncs 5,000 Azure DevOps secret alerts over 10 repositories in 2 projects from WireMock into PostgreSQL
 * and prints Azure DevOps requests per 1,000 alerts and alerts stored per second. Run with
 * {@code ./mvnw -B -Pbench verify}.
 */
public final class AzureDevOpsSyncBenchmark {

	private static final String ORG = "bench";

	private static final int REPOSITORIES = 10;

	private static final int ALERTS_PER_REPOSITORY = 500;

	private static final int PAGE_SIZE = 100;

	private AzureDevOpsSyncBenchmark() {
	}

	public static void main(String[] args) {
		// the database first: a server started before a failure here would keep exec:java waiting on its threads
		TestPostgres postgres = TestPostgres.get();
		FakeGitHub server = FakeGitHub.start();
		try {
			stubOrganization(server);
			List<String> arguments = new ArrayList<>(postgres.arguments());
			arguments.addAll(List.of("--server.port=0", "--leakpath.demo.enabled=false",
					"--leakpath.notifications.enabled=false",
					"--leakpath.sync.schedule=false", "--leakpath.github.organizations=",
					"--leakpath.azure-devops.organizations=" + ORG, "--leakpath.azure-devops.pat=bench-pat",
					"--leakpath.azure-devops.api-url=" + server.baseUrl(),
					"--leakpath.azure-devops.advsec-url=" + server.baseUrl(),
					"--leakpath.azure-devops.page-size=" + PAGE_SIZE,
					"--resilience4j.ratelimiter.configs.azure-devops.limit-for-period=1000",
					"--leakpath.fingerprint-key=bench-fingerprint-key-0123456789abcdef",
					"--logging.level.dev.leakpath=warn"));
			try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LeakpathApplication.class)
				.run(arguments.toArray(String[]::new))) {
				postgres.truncateAll();
				server.server().resetRequests();
				long started = System.nanoTime();
				app.getBean(SyncService.class).run("bench").block();
				Duration pass = Duration.ofNanos(System.nanoTime() - started);
				long stored = postgres.count("select count(*) from alert where provider = 'azure_devops'");
				int requests = server.allRequests();
				System.out.printf("%nAzure DevOps sync benchmark: %d alerts, %d repositories, %d per page%n",
						REPOSITORIES * ALERTS_PER_REPOSITORY, REPOSITORIES, PAGE_SIZE);
				System.out.printf("  alerts stored                           %d%n", stored);
				System.out.printf("  first pass                              %d ms%n", pass.toMillis());
				System.out.printf("  alerts stored per second                %.0f%n", stored * 1000.0 / pass.toMillis());
				System.out.printf("  Azure DevOps requests                   %d%n", requests);
				System.out.printf("  Azure DevOps requests per 1,000 alerts  %.2f%n", requests * 1000.0 / stored);
			}
		}
		finally {
			server.stop();
		}
	}

	private static void stubOrganization(FakeGitHub server) {
		List<AdoPayloads.ProjectRef> projects = List.of(
				new AdoPayloads.ProjectRef("00000000-0000-4000-8000-000000000001", "Core", "private"),
				new AdoPayloads.ProjectRef("00000000-0000-4000-8000-000000000002", "Open", "public"));
		server.server()
			.stubFor(get(urlPathEqualTo("/" + ORG + "/_apis/projects")).willReturn(FakeAzureDevOps.json(AdoPayloads.list(
					projects.stream().map(p -> AdoPayloads.project(ORG, p.id(), p.name(), p.visibility())).toList()))));
		FakeSecrets hashes = new FakeSecrets(5);
		Instant seen = Instant.parse("2026-11-01T00:00:00Z");
		int alertId = 0;
		for (int project = 0; project < projects.size(); project++) {
			AdoPayloads.ProjectRef ref = projects.get(project);
			List<ObjectNode> repositories = new ArrayList<>();
			for (int index = 0; index < REPOSITORIES / projects.size(); index++) {
				String id = String.format("00000000-0000-4000-9000-%012d", project * 100 + index);
				String name = "repo-" + project + "-" + index;
				repositories.add(AdoPayloads.repository(ORG, ref, id, name, false, "refs/heads/main"));
				for (int page = 0; page < ALERTS_PER_REPOSITORY / PAGE_SIZE; page++) {
					List<ObjectNode> alerts = new ArrayList<>();
					for (int item = 0; item < PAGE_SIZE; item++) {
						alertId++;
						alerts.add(AdoPayloads.alert(new AdoAlertSpec(ORG, ref.id(), ref.name(), id, name, alertId,
								"SEC101/152", "AzureStorageAccountIdentifiableKey", "Azure Storage account access key",
								"high", "active", null, null, "unknown", seen, seen.minusSeconds(86_400),
								seen.minusSeconds(3600), seen, null, "…k" + alertId,
								List.of(new AdoAlertSpec.Location("config/settings.json", 3, 3, 10, 98, hashes.sha())))));
					}
					ResponseDefinitionBuilder response = FakeAzureDevOps.json(AdoPayloads.list(alerts));
					boolean last = page == ALERTS_PER_REPOSITORY / PAGE_SIZE - 1;
					if (!last) {
						response = response.withHeader("x-ms-continuationtoken", name + "+" + (page + 1) + "==");
					}
					server.server()
						.stubFor(get(urlPathEqualTo("/" + ORG + "/" + ref.id() + "/_apis/alert/repositories/" + id + "/alerts"))
							.withQueryParam("continuationToken", page == 0 ? absent() : equalTo(name + "+" + page + "=="))
							.willReturn(response));
				}
			}
			server.server()
				.stubFor(get(urlPathEqualTo("/" + ORG + "/" + ref.id() + "/_apis/git/repositories"))
					.willReturn(FakeAzureDevOps.json(AdoPayloads.list(repositories))));
		}
	}

}
