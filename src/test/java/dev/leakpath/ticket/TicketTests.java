package dev.leakpath.ticket;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.ApplicationProcess;
import dev.leakpath.testsupport.FakeGitHubIssues;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Alerts open, resolve and reopen through a real sync; tickets follow in a Jira Cloud ({@link FakeJira}) and in
 * GitHub Issues ({@code FakeGitHubIssues}), both over real HTTP and as strict as the real services.
 */
// every test context of the run shares one database: only this one plans and syncs tickets
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = { "leakpath.tickets.poll-interval=PT0.2S", "leakpath.tickets.initial-backoff=PT0.2S",
		"leakpath.tickets.max-backoff=PT0.5S", "leakpath.tickets.max-attempts=4", "leakpath.tickets.lease=PT3S",
		"leakpath.tickets.dashboard-url=https://leakpath.test.example",
		"leakpath.tickets.jira.deployment=cloud", "leakpath.tickets.jira.email=" + TicketTests.JIRA_EMAIL,
		"leakpath.tickets.jira.api-token=" + TicketTests.JIRA_TOKEN,
		"leakpath.tickets.rules[0].name=api-to-jira", "leakpath.tickets.rules[0].channel=jira",
		"leakpath.tickets.rules[0].repositories=acme/api", "leakpath.tickets.rules[0].project=SEC",
		"leakpath.tickets.rules[0].issue-type=Bug", "leakpath.tickets.rules[0].fields.priority.name=High",
		"leakpath.tickets.rules[0].fields.customfield_10042={repository} at {riskLevel}",
		"leakpath.tickets.rules[0].labels=secret-scanning",
		"leakpath.tickets.rules[1].name=infra-issues", "leakpath.tickets.rules[1].channel=github-issues",
		"leakpath.tickets.rules[1].repositories=acme/infra", "leakpath.tickets.rules[1].labels=security",
		"leakpath.tickets.rules[2].name=web-per-secret", "leakpath.tickets.rules[2].channel=jira",
		"leakpath.tickets.rules[2].per=secret", "leakpath.tickets.rules[2].repositories=acme/web",
		"leakpath.tickets.rules[2].project=SEC", "leakpath.tickets.rules[2].issue-type=Task",
		"leakpath.tickets.rules[3].name=web-wrong-field", "leakpath.tickets.rules[3].channel=jira",
		"leakpath.tickets.rules[3].repositories=acme/web", "leakpath.tickets.rules[3].secret-types=npm_access_token",
		"leakpath.tickets.rules[3].project=SEC", "leakpath.tickets.rules[3].issue-type=Bug",
		"leakpath.tickets.rules[3].fields.customfield_99999=x" })
class TicketTests extends IntegrationTest {

	static final String JIRA_EMAIL = "leakpath-bot@acme.example";

	static final String JIRA_TOKEN = "test-jira-api-token-5e1b7c";

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	private static final FakeJira jira = new FakeJira("3", "Basic " + Base64.getEncoder()
		.encodeToString((JIRA_EMAIL + ":" + JIRA_TOKEN).getBytes(StandardCharsets.UTF_8)));

	@Autowired
	private SyncService sync;

	@Autowired
	private TicketWorker worker;

	private final TestOrganization org = new TestOrganization();

	@DynamicPropertySource
	static void trackers(DynamicPropertyRegistry registry) {
		registry.add("leakpath.tickets.jira.url", jira::baseUrl);
	}

	@BeforeEach
	void providers() {
		// the worker asks for changes to be queued at each round; the tables were just emptied, and a sync may come
		// before its next round
		postgres.execute("insert into ticket_planning (enabled) values (true) on conflict do nothing");
		jira.reset();
		github.repositories(ORG, org.orgId(), org.repositories());
	}

	@AfterAll
	void stopWorker() {
		// its context stays cached for the run: it must not plan the alerts of the test classes after it
		worker.stop();
	}

	@Test
	void alertOpensThenOneJiraTicketClosedWhenItResolvesAndReopenedWhenItComesBack() throws Exception {
		String secret = org.secretFor("github_personal_access_token");
		poll(org.alert("api", 1, "github_personal_access_token", "open", NOW, secret));

		awaitTicket("api-to-jira", "synced SEC-1 open");
		assertThat(jira.issues()).containsOnlyKeys("SEC-1");
		JsonNode fields = jira.issues().get("SEC-1").get("fields");
		String key = postgres.rows("select ticket_key from ticket where rule_name = 'api-to-jira'").get(0);
		assertThat(fields.get("labels")).extracting(JsonNode::asText)
			.containsExactly("leakpath", "leakpath-" + key, "secret-scanning");
		assertThat(fields.get("summary").asText()).isEqualTo("Exposed github personal access token in acme/api (alert #1)");
		assertThat(fields.get("priority").get("name").asText()).isEqualTo("High");
		String risk = postgres.rows("select risk_level from alert_risk").get(0);
		assertThat(fields.get("customfield_10042").asText()).isEqualTo("acme/api at " + risk);
		String description = fields.get("description").toString();
		assertThat(description).contains("https://github.com/acme/api/security/secret-scanning/1")
			.contains("https://leakpath.test.example/#/alerts/").contains("config/app-1.yml:1");

		// the same alert polled again, and its change planned once more: no second ticket, no call at all
		poll(org.alert("api", 1, "github_personal_access_token", "open", NOW, secret));
		postgres.execute("insert into ticket_alert_change (alert_id) select id from alert");
		await().atMost(Duration.ofSeconds(20)).until(() -> postgres.count("select count(*) from ticket_alert_change") == 0
				&& postgres.count("select count(*) from ticket where status = 'synced' and version > 1") == 1);
		long calls = jira.server().getAllServeEvents().size();

		poll(org.alert("api", 1, "github_personal_access_token", "resolved", NOW.plusSeconds(60), secret));
		awaitTicket("api-to-jira", "synced SEC-1 closed");
		assertThat(jira.statusOf("SEC-1")).isEqualTo("Done");

		poll(org.alert("api", 1, "github_personal_access_token", "open", NOW.plusSeconds(120), secret));
		awaitTicket("api-to-jira", "synced SEC-1 open");
		assertThat(jira.statusOf("SEC-1")).isEqualTo("To Do");

		assertThat(jira.requests("POST", "/rest/api/3/issue")).isEqualTo(1);
		// closing and reopening each read the status and the transitions, then made one
		assertThat(jira.server().getAllServeEvents().size() - calls).isEqualTo(6);
		assertNothingSecretIn(jira.requestBodies());
	}

	@Test
	void jiraDownThenBusyThenTheTicketIsOpenedOnceAfterTheWaitsItAskedFor() {
		jira.server().stubFor(post(urlPathEqualTo("/rest/api/3/issue")).atPriority(1).inScenario("outage")
			.whenScenarioStateIs(STARTED)
			// Atlassian: "Some transient 5XX errors are accompanied by a Retry-After header"
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("busy"));
		jira.server().stubFor(post(urlPathEqualTo("/rest/api/3/issue")).atPriority(1).inScenario("outage")
			.whenScenarioStateIs("busy")
			// rate limiting: 429 with Retry-After (seconds) and X-RateLimit-Reset (ISO 8601)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
				.withHeader("X-RateLimit-Reset", "2026-11-01T12:01Z").withHeader("RateLimit-Reason", "jira-quota-based"))
			.willSetStateTo("up"));

		poll(org.alert("api", 2, "github_personal_access_token", "open", NOW));

		awaitTicket("api-to-jira", "synced SEC-1 open");
		assertThat(postgres.rows("select attempts || ' ' || coalesce(last_error, '-') from ticket")).containsExactly("3 -");
		assertThat(jira.requests("POST", "/rest/api/3/issue")).isEqualTo(3);
		assertThat(jira.issues()).hasSize(1);
		List<LoggedRequest> creates = jira.server().findAll(
				com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/rest/api/3/issue")));
		// each try waited at least the second Jira asked for
		assertThat(Duration.between(creates.get(0).getLoggedDate().toInstant(), creates.get(2).getLoggedDate().toInstant()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void createAnswerLostThenTheTicketIsFoundByItsLabelNotOpenedTwice() {
		jira.loseNextCreateAnswer();

		poll(org.alert("api", 3, "github_personal_access_token", "open", NOW));

		awaitTicket("api-to-jira", "synced SEC-1 open");
		assertThat(jira.issues()).hasSize(1);
		assertThat(jira.requests("POST", "/rest/api/3/issue")).isEqualTo(1);
		assertThat(jira.requests("POST", "/rest/api/3/search/jql")).isEqualTo(2);
		assertThat(postgres.rows("select attempts from ticket")).containsExactly("2");
	}

	@Test
	void jiraRefusesAFieldThenTheTicketFailsWithJirasReasonAndAnAdminMayRetryIt() {
		poll(org.alert("web", 1, "npm_access_token", "open", NOW));

		await().atMost(Duration.ofSeconds(20)).until(() -> postgres.count(
				"select count(*) from ticket where rule_name = 'web-wrong-field' and status = 'failed'") == 1);
		assertThat(postgres.rows("select attempts || ' ' || last_error from ticket where rule_name = 'web-wrong-field'"))
			.containsExactly("1 POST /rest/api/3/issue answered 400: customfield_99999: Field 'customfield_99999' "
					+ "cannot be set. It is not on the appropriate screen, or unknown.");
		// the other rule of the same alert is not held up
		awaitTicket("web-per-secret", "synced SEC-1 open");

		JsonNode failed = getJson("/api/v1/tickets?status=failed").get("items");
		assertThat(failed).hasSize(1);
		assertThat(failed.get(0).get("rule").asText()).isEqualTo("web-wrong-field");
		long id = failed.get(0).get("id").asLong();
		web.post().uri("/api/v1/tickets/" + id + "/retry").headers(headers -> headers.setBearerAuth(VIEWER_TOKEN))
			.exchange().expectStatus().isForbidden();
		web.post().uri("/api/v1/tickets/" + id + "/retry").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange().expectStatus().isAccepted();
		await().atMost(Duration.ofSeconds(20)).until(() -> jira.requests("POST", "/rest/api/3/issue") == 3);
		web.post().uri("/api/v1/tickets/999999/retry").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange().expectStatus().isNotFound();
	}

	@Test
	void ticketPerSecretThenOneTicketForItsAlertsClosedWhenTheLastResolves() {
		String secret = org.secretFor("slack_api_token");
		poll(org.alert("web", 1, "slack_api_token", "open", NOW, secret),
				org.alert("web", 2, "slack_api_token", "open", NOW.minusSeconds(1), secret));

		await().atMost(Duration.ofSeconds(20)).until(() -> postgres.count(
				"select count(*) from ticket t join ticket_alert ta on ta.ticket_id = t.id where t.status = 'synced'") == 2);
		assertThat(jira.issues()).containsOnlyKeys("SEC-1");
		assertThat(jira.issues().get("SEC-1").get("fields").get("issuetype").get("name").asText()).isEqualTo("Task");

		postgres.execute("update alert set state = 'resolved', resolution = 'revoked' where provider_alert_id = '1'");
		await().atMost(Duration.ofSeconds(20)).until(() -> postgres.count("select count(*) from ticket_alert_change") == 0
				&& postgres.count("select count(*) from ticket where status = 'synced' and version > 1") == 1);
		assertThat(jira.statusOf("SEC-1")).isEqualTo("To Do");

		postgres.execute("update alert set state = 'resolved', resolution = 'false_positive' where provider_alert_id = '2'");
		awaitTicket("web-per-secret", "synced SEC-1 closed");
		assertThat(jira.statusOf("SEC-1")).isEqualTo("Done");
		assertThat(jira.requests("POST", "/rest/api/3/issue")).isEqualTo(1);
	}

	@Test
	void githubIssueOpenedOnceInTheAlertsRepositoryClosedAsCompletedAndReopened() {
		FakeGitHubIssues issues = github.serveIssues();
		// GitHub's secondary rate limit on content creation: a 403 with retry-after
		github.server().stubFor(post(urlPathEqualTo("/repos/acme/infra/issues")).atPriority(1).inScenario("limited")
			.whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
				.withHeader("retry-after", "1")
				.withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you "
						+ "try again.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\",\"status\":\"403\"}"))
			.willSetStateTo("ok"));
		String secret = org.secretFor("npm_access_token");
		poll(org.alert("infra", 4, "npm_access_token", "open", NOW, secret));

		awaitTicket("infra-issues", "synced 1 open");
		List<ObjectNode> created = issues.issues("acme/infra");
		assertThat(created).hasSize(1);
		ObjectNode issue = created.get(0);
		String key = postgres.rows("select ticket_key from ticket").get(0);
		assertThat(issue.get("body").asText()).contains("<!-- leakpath-ticket: " + key + " -->")
			.contains("https://github.com/acme/infra/security/secret-scanning/4");
		assertThat(issue.get("labels").findValuesAsText("name")).containsExactly("leakpath", "security");
		assertThat(postgres.rows("select external_url from ticket")).containsExactly("https://github.com/acme/infra/issues/1");

		poll(org.alert("infra", 4, "npm_access_token", "resolved", NOW.plusSeconds(60), secret));
		awaitTicket("infra-issues", "synced 1 closed");
		assertThat(issues.issues("acme/infra").get(0).get("state_reason").asText()).isEqualTo("completed");

		poll(org.alert("infra", 4, "npm_access_token", "open", NOW.plusSeconds(120), secret));
		awaitTicket("infra-issues", "synced 1 open");
		assertThat(issues.issues("acme/infra").get(0).get("state_reason").asText()).isEqualTo("reopened");
		assertThat(issues.issues("acme/infra")).hasSize(1);
		List<String> bodies = new ArrayList<>();
		github.server().getAllServeEvents().stream()
			.filter(event -> event.getRequest().getUrl().startsWith("/repos/acme/infra/issues"))
			.forEach(event -> bodies.add(event.getRequest().getBodyAsString()));
		assertThat(bodies).isNotEmpty();
		assertNothingSecretIn(bodies);
	}

	@Test
	void githubCreateAnswerLostThenTheIssueIsFoundByItsMarkerNotOpenedTwice() {
		FakeGitHubIssues issues = github.serveIssues();
		issues.loseNextCreateAnswer();

		poll(org.alert("infra", 5, "npm_access_token", "open", NOW));

		awaitTicket("infra-issues", "synced 1 open");
		assertThat(issues.issues("acme/infra")).hasSize(1);
	}

	@Test
	void instanceDiesWaitingForTheCreateAnswerThenTheNextOneFindsTheTicketAndOpensNoOther() {
		worker.stop();
		jira.delayCreateAnswers(15_000);
		List<String> same = new ArrayList<>(List.of("--leakpath.tickets.jira.url=" + jira.baseUrl(),
				"--leakpath.tickets.poll-interval=PT0.2S", "--leakpath.tickets.lease=PT2S",
				"--leakpath.tickets.jira.email=" + JIRA_EMAIL, "--leakpath.tickets.jira.api-token=" + JIRA_TOKEN,
				"--leakpath.tickets.rules[0].name=api-to-jira", "--leakpath.tickets.rules[0].channel=jira",
				"--leakpath.tickets.rules[0].repositories=acme/api", "--leakpath.tickets.rules[0].project=SEC",
				"--leakpath.tickets.rules[0].issue-type=Bug", "--leakpath.tickets.rules[0].labels=secret-scanning"));
		try {
			ConfigurableApplicationContext first = ApplicationProcess.start(postgres, github, same);
			try {
				poll(org.alert("api", 6, "github_personal_access_token", "open", NOW));
				await().atMost(Duration.ofSeconds(20)).until(() -> jira.issues().size() == 1);
			}
			finally {
				first.close();
			}
			assertThat(postgres.rows("select coalesce(external_id, '-') || ' ' || status from ticket"))
				.containsExactly("- pending");
			jira.delayCreateAnswers(0);

			worker.start();

			awaitTicket("api-to-jira", "synced SEC-1 open");
			assertThat(jira.issues()).hasSize(1);
			assertThat(jira.requests("POST", "/rest/api/3/issue")).isEqualTo(1);
		}
		finally {
			worker.stop();
			worker.start();
		}
	}

	@Test
	void noInstanceWithTicketRulesYetThenAlertChangesAreNotQueued() {
		worker.stop();
		try {
			postgres.execute("delete from ticket_planning");

			poll(org.alert("api", 7, "github_personal_access_token", "open", NOW));

			assertThat(postgres.count("select count(*) from alert")).isEqualTo(1);
			assertThat(postgres.count("select count(*) from ticket_alert_change")).isZero();
		}
		finally {
			worker.start();
		}
	}

	@Test
	void aTicketAskedForByHandGoesToTheRulesChannelOnceAndIsRefusedWhereItCannotBe() {
		String secret = org.secretFor("github_personal_access_token");
		poll(org.alert("infra", 41, "github_personal_access_token", "open", NOW, secret),
				org.alert("infra", 42, "github_personal_access_token", "resolved", NOW, org.secretFor("github_personal_access_token")));
		long open = alertId("41");

		// the infra alert meets only infra-issues' conditions; api-to-jira is asked for by name
		JsonNode first = askTicket(API_TOKEN, open, "api-to-jira").expectStatus().isAccepted()
			.expectHeader().valueEquals("Location", "/api/v1/tickets?alert=" + open)
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		awaitTicket("api-to-jira", "synced SEC-1 open");
		JsonNode again = askTicket(ACME_TRIAGER_TOKEN, open, "api-to-jira").expectStatus().isAccepted()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(again.get("ticketId")).isEqualTo(first.get("ticketId"));
		awaitTicket("api-to-jira", "synced SEC-1 open");
		assertThat(jira.requests("POST", "/rest/api/3/issue")).isEqualTo(1);
		assertThat(jira.issues().get("SEC-1").get("fields").get("summary").asText()).contains("acme/infra");
		assertThat(getJson("/api/v1/tickets?alert=" + open).get("items")).extracting(item -> item.get("rule").asText())
			.contains("api-to-jira");

		assertThat(problem(askTicket(API_TOKEN, open, "no-such-rule"), 400)).contains("no ticket rule named 'no-such-rule'",
				"api-to-jira", "infra-issues");
		assertThat(problem(askTicket(API_TOKEN, alertId("42"), "api-to-jira"), 409)).contains("is resolved");
		assertThat(problem(askTicket(API_TOKEN, 987_654_321L, "api-to-jira"), 404)).contains("no alert with id 987654321");
		askTicket(VIEWER_TOKEN, open, "api-to-jira").expectStatus().isForbidden();
		assertThat(getJson("/api/v1/tickets/rules")).extracting(rule -> rule.get("name").asText())
			.containsExactly("api-to-jira", "infra-issues", "web-per-secret", "web-wrong-field");
	}

	private long alertId(String number) {
		return postgres.count("select id from alert where provider_alert_id = '" + number + "'");
	}

	private WebTestClient.ResponseSpec askTicket(String token, long alertId,
			String rule) {
		return web.post()
			.uri("/api/v1/alerts/" + alertId + "/tickets")
			.headers(headers -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"rule\": \"" + rule + "\"}")
			.exchange();
	}

	private static String problem(WebTestClient.ResponseSpec response,
			int status) {
		return response.expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody()
			.get("detail").asText();
	}

	private void poll(ObjectNode... alerts) {
		github.alertPages(ORG, List.of(List.of(alerts)), null);
		sync.run("test").block();
	}

	private static void awaitTicket(String rule, String expected) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(postgres.rows(
				"select status || ' ' || coalesce(external_id, '-') || ' ' || coalesce(tracker_state, '-') from ticket "
						+ "where rule_name = '" + rule + "'"))
			.containsExactly(expected));
	}

	/** Neither a secret's value nor its stored preview reached a tracker. */
	private void assertNothingSecretIn(List<String> bodies) {
		List<String> previews = postgres.rows("select preview from secret");
		assertThat(previews).isNotEmpty();
		for (String body : bodies) {
			org.issuedSecrets().forEach(secret -> assertThat(body).doesNotContain(secret));
			previews.forEach(preview -> assertThat(body).doesNotContain(preview));
		}
	}

}
