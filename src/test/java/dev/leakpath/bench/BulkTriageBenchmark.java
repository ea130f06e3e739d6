package dev.leakpath.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import dev.leakpath.LeakpathApplication;
import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.FakeSecrets;
import dev.leakpath.testsupport.GitHubAlertUpdates;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dismisses 10,000 open GitHub alerts in one {@code POST /api/v1/alerts/triage} with a filter, against a fake
 * GitHub that enforces GitHub's documented limits ({@link GitHubRateWindows}) with time running {@value #SPEED_UP}
 * times faster, and the shipped write interval (one PATCH a second) scaled the same way. Prints how long the 202
 * took, how long the writes took, the rate of PATCHes and of all requests against the limits, and what GitHub
 * refused. Every triaged alert costs a get-alert (to see it is as leakpath read it) and an update-alert, so the
 * binding limit is the primary one: 2 requests an alert against 5,000 an hour.
 */
public final class BulkTriageBenchmark {

	private static final String ORG = "triage-org";

	private static final long ORG_ID = 5151;

	private static final int REPOSITORIES = 20;

	private static final int ALERTS = 10_000;

	private static final int PAGE_SIZE = 100;

	/** A real hour lasts 36 s: the run takes minutes, not the hours GitHub would take. */
	static final int SPEED_UP = 100;

	private static final Duration SHIPPED_WRITE_INTERVAL = Duration.ofSeconds(1);

	private static final String ALERT_ENDPOINT = "/repos/" + ORG + "/[^/]+/secret-scanning/alerts/[0-9]+";

	private static final String API_TOKEN = "bench-api-token-0123456789";

	private static final Duration DEADLINE = Duration.ofMinutes(15);

	private static final ObjectMapper JSON = new ObjectMapper();

	private BulkTriageBenchmark() {
	}

	public static void main(String[] args) {
		GitHubRateWindows limits = new GitHubRateWindows(SPEED_UP, ALERT_ENDPOINT);
		// the database first: a server started before a failure here would keep exec:java waiting on its threads
		TestPostgres postgres = TestPostgres.get();
		FakeGitHub github = FakeGitHub.start(limits);
		try {
			github.reset();
			List<ObjectNode> alerts = stubOrganization(github);
			stubAlertEndpoints(github, alerts.get(0));
			List<String> arguments = new ArrayList<>(List.of(GitHubBenchArguments.pollingOnly(postgres, github, ORG)));
			arguments.addAll(List.of("--leakpath.api.tokens=" + API_TOKEN, "--leakpath.triage.worker.enabled=true",
					"--leakpath.triage.write-interval.github=" + SHIPPED_WRITE_INTERVAL.dividedBy(SPEED_UP)));
			try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LeakpathApplication.class)
				.run(arguments.toArray(String[]::new))) {
				app.getBean(SyncService.class).run("bench").block();
				long open = postgres.count("select count(*) from alert where state = 'open'");
				String api = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
				github.server().resetRequests();
				limits.open();
				run(api, github, limits, open);
			}
		}
		finally {
			github.stop();
		}
	}

	private static void run(String api, FakeGitHub github, GitHubRateWindows limits, long open) {
		HttpClient http = HttpClient.newHttpClient();
		long started = System.nanoTime();
		JsonNode accepted = send(http, HttpRequest.newBuilder(URI.create(api + "/api/v1/alerts/triage"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"action": "dismiss", "resolution": "used_in_tests", "comment": "bench fixtures",
					 "filter": {"provider": "github", "state": "open"}}""")), 202);
		Duration toAccepted = Duration.ofNanos(System.nanoTime() - started);
		long id = accepted.get("id").asLong();
		JsonNode command = awaitDone(http, api, id, started);
		Duration toDone = Duration.ofNanos(System.nanoTime() - started);

		List<ServeEvent> events = github.server().getAllServeEvents();
		long patches = events.stream().filter(event -> isAlert(event, "PATCH") && ok(event)).count();
		long reads = events.stream().filter(event -> isAlert(event, "GET") && ok(event)).count();
		double seconds = toDone.toNanos() / 1e9;
		JsonNode counts = command.get("command").get("counts");
		System.out.printf("%nBulk triage benchmark: one request dismissing the %d open GitHub alerts of %d repositories,"
				+ " GitHub's limits enforced with time %dx faster%n", open, REPOSITORIES, SPEED_UP);
		System.out.printf("  202 with the stored command       %d ms (%d alerts)%n", toAccepted.toMillis(),
				accepted.get("alerts").asLong());
		System.out.printf("  all items finished                %.1f s, i.e. %.1f h at GitHub's real pace%n", seconds,
				seconds * SPEED_UP / 3600);
		System.out.printf("  items                             applied %d, failed %d, conflict %d, pending %d%n",
				counts.get("applied").asLong(), counts.get("failed").asLong(), counts.get("conflict").asLong(),
				counts.get("pending").asLong());
		System.out.printf("  update-alert PATCHes accepted     %d, %.0f per real hour (the write interval allows %d)%n",
				patches, perRealHour(patches, seconds), Duration.ofHours(1).dividedBy(SHIPPED_WRITE_INTERVAL));
		System.out.printf("  requests accepted (get + update)  %d, %.0f per real hour on average, at most %d in one hour's "
				+ "window (primary limit %d)%n", patches + reads, perRealHour(patches + reads, seconds),
				limits.mostInOneHour(), GitHubRateWindows.PRIMARY_PER_HOUR);
		System.out.printf("  points on the alert endpoint      %.0f per real minute (secondary limit %d)%n",
				(patches * GitHubRateWindows.PATCH_POINTS + reads) / seconds * 60 / SPEED_UP,
				GitHubRateWindows.POINTS_PER_MINUTE);
		System.out.printf("  refused by GitHub                 primary %d, secondary %d (each waited out, as GitHub "
				+ "asks)%n", limits.primaryRefusals(), limits.secondaryRefusals());
	}

	private static double perRealHour(long requests, double seconds) {
		return requests / seconds * 3600 / SPEED_UP;
	}

	private static JsonNode awaitDone(HttpClient http, String api, long id, long started) {
		long deadline = started + DEADLINE.toNanos();
		long lastReport = started;
		while (true) {
			JsonNode command = send(http, HttpRequest.newBuilder(URI.create(api + "/api/v1/triage/" + id + "?limit=1"))
				.GET(), 200);
			if ("done".equals(command.get("command").get("status").asText())) {
				return command;
			}
			long now = System.nanoTime();
			if (now > deadline) {
				throw new IllegalStateException("the triage was not done within " + DEADLINE + ": " + command.get("command"));
			}
			if (now - lastReport > Duration.ofSeconds(15).toNanos()) {
				lastReport = now;
				System.out.printf("  … %d s: %s%n", Duration.ofNanos(now - started).toSeconds(),
						command.get("command").get("counts"));
			}
			LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
		}
	}

	private static JsonNode send(HttpClient http, HttpRequest.Builder request, int expected) {
		try {
			HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + API_TOKEN).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != expected) {
				throw new IllegalStateException("expected " + expected + ", got " + response.statusCode() + ": "
						+ response.body());
			}
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isAlert(ServeEvent event, String method) {
		return event.getRequest().getMethod().getName().equals(method)
				&& event.getRequest().getUrl().split("\\?")[0].matches(ALERT_ENDPOINT);
	}

	private static boolean ok(ServeEvent event) {
		return event.getResponse().getStatus() == 200;
	}

	private static List<ObjectNode> stubOrganization(FakeGitHub github) {
		List<ObjectNode> repositories = new ArrayList<>();
		for (int index = 0; index < REPOSITORIES; index++) {
			repositories.add(GitHubPayloads.fullRepository(ORG, ORG_ID, "service-" + index, 70_000 + index, "private",
					false, "main"));
		}
		github.repositories(ORG, ORG_ID, repositories);
		FakeSecrets secrets = new FakeSecrets(13);
		Instant newest = Instant.parse("2026-11-01T00:00:00Z");
		List<ObjectNode> alerts = new ArrayList<>();
		List<List<ObjectNode>> pages = new ArrayList<>();
		for (int index = 0; index < ALERTS; index++) {
			if (index % PAGE_SIZE == 0) {
				pages.add(new ArrayList<>());
			}
			ObjectNode alert = alert(index, newest.minusSeconds(60L * index), secrets);
			alerts.add(alert);
			pages.get(pages.size() - 1).add(alert);
		}
		github.alertPages(ORG, pages, null);
		return alerts;
	}

	private static ObjectNode alert(int index, Instant updatedAt, FakeSecrets secrets) {
		int repository = index % REPOSITORIES;
		String name = "service-" + repository;
		int number = index / REPOSITORIES + 1;
		String type = "github_personal_access_token";
		ObjectNode location = GitHubPayloads.commitLocation(ORG, name, "test/fixtures/token-" + number + ".txt", 1, 1, 1,
				41, secrets.sha(), secrets.sha());
		return GitHubPayloads.alert(new AlertSpec(ORG, ORG_ID, name, 70_000 + repository, true, number, type, type,
				secrets.next(type), "open", null, "unknown", false, false, updatedAt.minusSeconds(3600), updatedAt, null,
				location, false));
	}

	/**
	 * get-alert and update-alert for every alert: one stub each (20,000 would make WireMock's matching the thing
	 * measured), answering the shapes of {@link GitHubAlertUpdates}; the triage compares state, resolution,
	 * assignee and resolution time only, which every alert here shares.
	 */
	private static void stubAlertEndpoints(FakeGitHub github, ObjectNode example) {
		github.server().stubFor(get(urlPathMatching(ALERT_ENDPOINT))
			.willReturn(FakeGitHub.json(200, GitHubAlertUpdates.asRead(example))));
		github.server().stubFor(patch(urlPathMatching(ALERT_ENDPOINT))
			.willReturn(FakeGitHub.json(200, GitHubAlertUpdates.resolved(example, "used_in_tests", "bench fixtures",
					Instant.parse("2026-12-01T00:00:00Z")))));
	}

}
