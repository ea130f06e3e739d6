package dev.leakpath.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Alerts become events in the database, rules turn them into messages, and each channel delivers them: e-mail to
 * a real SMTP server (GreenMail), Slack, Teams and the signed webhook to WireMock, one of them failing first.
 */
// every test context of the run shares one database: only this one plans and sends
@TestPropertySource(properties = { "leakpath.notifications.enabled=true", "leakpath.notifications.poll-interval=PT0.2S",
		"leakpath.notifications.initial-backoff=PT0.2S", "leakpath.notifications.max-backoff=PT0.5S",
		"leakpath.notifications.max-attempts=4", "leakpath.notifications.email.from=leakpath@test.example",
		"leakpath.notifications.dashboard-url=https://leakpath.test.example",
		"leakpath.notifications.webhook.secret=" + NotificationTests.WEBHOOK_SECRET,
		"leakpath.owners.mappings[0].pattern=acme/*",
		"leakpath.owners.mappings[0].owners=alice@acme.example,@acme/api-team",
		"leakpath.notifications.rules[0].name=new-alerts", "leakpath.notifications.rules[0].events=alert_opened",
		"leakpath.notifications.rules[0].channels=email,slack,webhook",
		"leakpath.notifications.rules[1].name=new-alerts-by-mail", "leakpath.notifications.rules[1].channels=email",
		"leakpath.notifications.rules[1].events=alert_opened", "leakpath.notifications.rules[1].recipients=owners",
		"leakpath.notifications.rules[2].name=valid-on-teams", "leakpath.notifications.rules[2].events=secret_valid",
		"leakpath.notifications.rules[2].channels=teams", "leakpath.notifications.sla.low=P1D",
		"leakpath.notifications.sla-check-interval=PT24H", "leakpath.notifications.rules[3].name=late",
		"leakpath.notifications.rules[3].events=alert_sla_breached", "leakpath.notifications.rules[3].min-risk=low",
		"leakpath.notifications.rules[3].channels=webhook", "leakpath.notifications.rules[4].name=infra-daily",
		"leakpath.notifications.rules[4].events=alert_opened", "leakpath.notifications.rules[4].repositories=acme/infra",
		"leakpath.notifications.rules[4].channels=teams", "leakpath.notifications.rules[4].delivery=digest" })
class NotificationTests extends IntegrationTest {

	static final String WEBHOOK_SECRET = "test-notification-webhook-secret";

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	private static final GreenMail smtp = startSmtp();

	@Autowired
	private SyncService sync;

	@Autowired
	private SlaCheck slas;

	@Autowired
	private NotificationPlanner planner;

	@Autowired
	private NotificationSender sender;

	@Autowired
	private NotificationRetention retention;

	private final TestOrganization org = new TestOrganization();

	private final ObjectMapper json = new ObjectMapper();

	@DynamicPropertySource
	static void channels(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		registry.add("leakpath.notifications.slack.url", () -> github.baseUrl() + "/hooks/slack");
		registry.add("leakpath.notifications.teams.url", () -> github.baseUrl() + "/hooks/teams");
		registry.add("leakpath.notifications.webhook.url", () -> github.baseUrl() + "/hooks/leakpath");
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@BeforeEach
	void receivers() throws Exception {
		smtp.purgeEmailFromAllMailboxes();
		github.repositories(ORG, org.orgId(), org.repositories());
		// Slack is down twice, then back
		github.server().stubFor(post(urlPathEqualTo("/hooks/slack")).inScenario("slack").whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("down once"));
		github.server().stubFor(post(urlPathEqualTo("/hooks/slack")).inScenario("slack").whenScenarioStateIs("down once")
			.willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
		github.server().stubFor(post(urlPathEqualTo("/hooks/slack")).inScenario("slack").whenScenarioStateIs("up")
			.willReturn(aResponse().withStatus(200).withBody("ok")));
		github.server().stubFor(post(urlPathEqualTo("/hooks/teams")).willReturn(aResponse().withStatus(200)));
		github.server().stubFor(post(urlPathEqualTo("/hooks/leakpath")).willReturn(aResponse().withStatus(204)));
	}

	@Test
	void newAlertThenEachChannelDeliversOnceAndARecoveringEndpointGetsItsMessage() throws Exception {
		github.alertPages(ORG, List.of(List.of(org.alert("api", 1, "github_personal_access_token", "open", NOW))), null);

		sync.run("test").block();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				postgres.rows("select channel || ' ' || recipient || ' ' || status from notification order by 1"))
			.containsExactly("email alice@acme.example sent", "slack slack sent", "teams teams sent",
					"webhook webhook sent"));
		assertThat(postgres.rows("select kind from notification_event order by id")).startsWith("alert_opened",
				"secret_valid");
		// two rules ask for the same e-mail: one message; @acme/api-team is not an address
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		MimeMessage mail = smtp.getReceivedMessages()[0];
		assertThat(mail.getAllRecipients()[0]).hasToString("alice@acme.example");
		assertThat(mail.getSubject()).isEqualTo("[leakpath] New exposed github personal access token in acme/api");
		String body = GreenMailUtil.getBody(mail);
		assertThat(body).contains("https://leakpath.test.example/#/alerts/")
			.contains("https://github.com/acme/api/security/secret-scanning/1");
		org.issuedSecrets().forEach(secret -> assertThat(body).doesNotContain(secret));

		assertThat(postgres.rows("select attempts || ' ' || coalesce(last_error, '-') from notification "
				+ "where channel = 'slack'")).containsExactly("3 -");
		assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo("/hooks/slack")))).hasSize(3);

		LoggedRequest hook = github.server().findAll(postRequestedFor(urlPathEqualTo("/hooks/leakpath"))).get(0);
		String timestamp = hook.getHeader(WebhookPublisher.TIMESTAMP);
		assertThat(hook.getHeader(WebhookPublisher.SIGNATURE))
			.isEqualTo("sha256=" + WebhookPublisher.hmac(WEBHOOK_SECRET, timestamp + "." + hook.getBodyAsString()));
		assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), within(60L));
		JsonNode payload = json.readTree(hook.getBodyAsString());
		assertThat(payload.get("event").asText()).isEqualTo("alert_opened");
		assertThat(payload.get("facts").get("repository").asText()).isEqualTo("acme/api");

		// nothing new: nothing more, after a planning and a sending round that started after the sync
		sync.run("test").block();
		planner.planBatch(100).block();
		sender.sendBatch(100).block();
		assertThat(postgres.count("select count(*) from notification")).isEqualTo(4);
		JsonNode listed = getJson("/api/v1/notifications?channel=slack").get("items");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("attempts").asInt()).isEqualTo(3);
		assertThat(listed.get(0).get("rule").asText()).isEqualTo("new-alerts");
	}

	@Test
	void secretFoundValidThenTeamsHearsAndAnEndpointThatNeverRecoversFailsAfterMaxAttempts() {
		github.server().stubFor(post(urlPathEqualTo("/hooks/teams")).willReturn(aResponse().withStatus(500)));
		github.alertPages(ORG, List.of(List.of(org.alert("web", 1, "slack_api_token", "resolved", NOW))), null);
		sync.run("test").block();
		assertThat(postgres.count("select count(*) from notification_event")).isZero();

		postgres.execute("update alert set state = 'open', validity = 'active'");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				postgres.rows("select channel || ' ' || status || ' ' || attempts || ' ' || coalesce(last_error, '-') "
						+ "from notification where channel = 'teams'"))
			.containsExactly("teams failed 4 teams answered 500"));
		assertThat(postgres.rows("select kind from notification_event order by id")).containsExactly("alert_opened",
				"secret_valid");
		assertThat(getJson("/api/v1/notifications?status=failed").get("items")).hasSize(1);
	}

	@Test
	void alertOpenPastItsDeadlineThenOneBreachAndOneMessage() {
		github.alertPages(ORG, List.of(List.of(org.alert("infra", 1, "npm_access_token", "open", NOW),
				org.alert("infra", 2, "npm_access_token", "resolved", NOW))), null);
		sync.run("test").block();
		// the alert was created on 2026-11-01; with no attack path it is low, due in a day
		postgres.execute("update alert set created_at = now() - interval '2 days' where provider_alert_id = '1'");
		postgres.execute("update alert set created_at = now() - interval '2 hours' where provider_alert_id = '2'");

		assertThat(slas.record().block()).isEqualTo(1);
		assertThat(slas.record().block()).isZero();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(postgres.rows(
				"select e.kind || ' ' || e.risk_level || ' ' || n.status from notification n "
						+ "join notification_event e on e.id = n.event_id where n.rule_name = 'late'"))
			.containsExactly("alert_sla_breached low sent"));
		LoggedRequest hook = github.server().findAll(postRequestedFor(urlPathEqualTo("/hooks/leakpath"))).stream()
			.filter(request -> request.getHeader("X-Leakpath-Event").equals("alert_sla_breached"))
			.findFirst()
			.orElseThrow();
		assertThat(hook.getBodyAsString()).contains("is open past its deadline");

		// kept for the retention period, then gone with its notification; still open, it breaches again
		postgres.execute("update notification_event set planned_at = now() - interval '31 days' "
				+ "where kind = 'alert_sla_breached'");
		assertThat(retention.prune().block()).isEqualTo(1);
		assertThat(postgres.count("select count(*) from notification where rule_name = 'late'")).isZero();
		assertThat(slas.record().block()).isEqualTo(1);
	}

	@Test
	void digestRuleThenOneMessageAtDigestTimeForEverythingDue() throws Exception {
		github.alertPages(ORG, List.of(List.of(org.alert("infra", 1, "npm_access_token", "open", NOW),
				org.alert("infra", 2, "slack_api_token", "open", NOW.minusSeconds(1)))), null);
		sync.run("test").block();

		await().atMost(Duration.ofSeconds(20)).until(() -> postgres.count(
				"select count(*) from notification where rule_name = 'infra-daily' and digest") == 2);
		// due at the next 08:00 UTC, not now
		assertThat(postgres.rows("select distinct status || ' ' || (next_attempt_at > now()) || ' ' || "
				+ "to_char(next_attempt_at at time zone 'UTC', 'HH24:MI') from notification where rule_name = 'infra-daily'"))
			.containsExactly("pending true 08:00");
		// a sending round now sends nothing of the digest
		sender.sendBatch(100).block();
		assertThat(digestPosts()).isEmpty();

		postgres.execute("update notification set next_attempt_at = now() where rule_name = 'infra-daily'");

		await().atMost(Duration.ofSeconds(20)).until(() -> postgres.count(
				"select count(*) from notification where rule_name = 'infra-daily' and status = 'sent'") == 2);
		// secret_valid messages go to Teams at once by another rule; the digest is one more message
		List<LoggedRequest> posts = digestPosts();
		assertThat(posts).hasSize(1);
		JsonNode card = json.readTree(posts.get(0).getBodyAsString());
		assertThat(card.get("title").asText()).isEqualTo("2 secret-scanning findings to fix");
		assertThat(card.get("text").asText()).contains("New exposed npm access token in acme/infra")
			.contains("New exposed slack api token in acme/infra");
	}

	@Test
	void rulesApiThenAdminsAddAndDeleteRulesThatApplyToTheNextEvents() {
		assertThat(getJson("/api/v1/notifications/rules").get("items").findValuesAsText("source"))
			.containsOnly("config").hasSize(5);
		String rule = """
				{"name": "web-on-teams", "events": ["alert_opened"], "repositories": ["acme/web"], "channels": ["teams"]}""";
		postRule(VIEWER_TOKEN, rule).expectStatus().isForbidden();
		postRule(API_TOKEN, rule.replace("teams", "pager")).expectStatus().isBadRequest().expectBody()
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("channel 'pager' is not set up"));
		postRule(API_TOKEN, rule.replace("web-on-teams", "new-alerts")).expectStatus().isEqualTo(409);
		postRule(API_TOKEN, rule).expectStatus().isCreated();
		postRule(API_TOKEN, rule).expectStatus().isEqualTo(409);
		assertThat(getJson("/api/v1/notifications/rules").get("items").findValuesAsText("source")).endsWith("api");

		github.alertPages(ORG, List.of(List.of(org.alert("web", 7, "npm_access_token", "open", NOW))), null);
		sync.run("test").block();
		await().atMost(Duration.ofSeconds(20)).until(() -> postgres.count(
				"select count(*) from notification where rule_name = 'web-on-teams' and status = 'sent'") == 1);

		deleteRule("web-on-teams").expectStatus().isNoContent();
		deleteRule("web-on-teams").expectStatus().isNotFound();
		deleteRule("new-alerts").expectStatus().isEqualTo(409);
		assertThat(postgres.rows("select method || ' ' || path || ' ' || status from audit_event order by id"))
			.contains("POST /api/v1/notifications/rules 201", "DELETE /api/v1/notifications/rules/web-on-teams 204");
	}

	static Stream<Arguments> wrongRecipients() {
		return Stream.of(
				Arguments.of(List.of("not-an-email"),
						"recipients[0] 'not-an-email' is not an e-mail address (such as alice@example.com), nor 'owners'"),
				Arguments.of(List.of("owners", "Alice <alice@acme.example>"),
						"recipients[1] 'Alice <alice@acme.example>' is not an e-mail address"),
				Arguments.of(List.of("bob@acme.example, eve@evil.example"),
						"recipients[0] 'bob@acme.example, eve@evil.example' is not an e-mail address"),
				Arguments.of(List.of("alice@acme.example", ""), "recipients[1] is empty"),
				Arguments.of(Arrays.asList("alice@acme.example", null), "recipients[1] is empty"),
				Arguments.of(List.of("alice@acme.example", "owners", "Alice@ACME.example"),
						"recipients[2] repeats recipients[0]"),
				Arguments.of(List.of("a".repeat(65) + "@acme.example"),
						"recipients[0] '" + "a".repeat(65) + "@acme.example' has more than 64 characters before its @"),
				Arguments.of(List.of("a".repeat(64) + "@" + "b".repeat(190) + ".example"),
						"recipients[0] has 263 characters; an e-mail address has at most 254"),
				Arguments.of(emails(101), "recipients lists 101; at most 100 are allowed"),
				Arguments.of(emails(100_000), "recipients lists 100000; at most 100 are allowed"));
	}

	@ParameterizedTest
	@MethodSource("wrongRecipients")
	void rulesApiWhenARecipientIsWrongThen400NamingItsIndex(List<String> recipients, String problem) throws Exception {
		String rule = json.writeValueAsString(Map.of("name", "team", "channels", List.of("email"), "recipients", recipients));

		postRule(API_TOKEN, rule).expectStatus().isBadRequest().expectBody()
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("rule 'team': " + problem));
		assertThat(postgres.count("select count(*) from notification_rule")).isZero();
	}

	@Test
	void rulesApiWhenARecipientIsAUrlThen400WithoutRepeatingIt() throws Exception {
		String hook = "https://hooks.slack.com/services/T0000/B0000/s3cr3tH00kT0ken";
		String rule = json.writeValueAsString(Map.of("name", "team", "channels", List.of("email"), "recipients",
				List.of("owners", hook)));

		String answer = postRule(API_TOKEN, rule).expectStatus().isBadRequest().expectBody(String.class)
			.returnResult().getResponseBody();

		assertThat(answer).contains("recipients[1] looks like a URL (not shown)").doesNotContain("s3cr3tH00kT0ken");
	}

	@Test
	void rulesApiWhenAHundredDistinctRecipientsThenTheRuleIsAdded() throws Exception {
		String rule = json.writeValueAsString(Map.of("name", "team", "channels", List.of("email"), "recipients",
				emails(100)));

		postRule(API_TOKEN, rule).expectStatus().isCreated();
		assertThat(postgres.count("select jsonb_array_length(definition -> 'recipients') from notification_rule"))
			.isEqualTo(100);
	}

	private static List<String> emails(int count) {
		return IntStream.range(0, count).mapToObj(index -> "member" + index + "@acme.example").toList();
	}

	private WebTestClient.ResponseSpec postRule(String token, String json) {
		return web.post().uri("/api/v1/notifications/rules").headers(headers -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private WebTestClient.ResponseSpec deleteRule(String name) {
		return web.delete().uri("/api/v1/notifications/rules/" + name).headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange();
	}

	private static List<LoggedRequest> digestPosts() {
		return github.server().findAll(postRequestedFor(urlPathEqualTo("/hooks/teams"))).stream()
			.filter(post -> post.getBodyAsString().contains("findings to fix"))
			.toList();
	}

	private static GreenMail startSmtp() {
		GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return server;
	}

}
