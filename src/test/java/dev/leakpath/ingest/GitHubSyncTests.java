package dev.leakpath.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class GitHubSyncTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	private static final String SOURCE = "select listing, last_outcome, last_error, watermark, resume_point is not null, "
			+ "full_pass_completed, pages, alerts_seen, errors from sync_source order by listing";

	/** The default listing's row: the tests of one listing's behaviour look at it alone. */
	private static final String DEFAULT = " from sync_source where listing = 'default'";

	private static final String GENERIC = " from sync_source where listing = 'generic'";

	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	private List<List<ObjectNode>> threePages;

	@Test
	void syncWhenSeveralPagesThenStoresEveryAlertWithLocationsAndRepositoryMetadata() {
		github.repositories(ORG, org.orgId(), org.repositories());
		github.alertPages(ORG, threePages(), null);

		sync.run("test").block();

		assertThat(postgres.count("select count(*) from alert")).isEqualTo(5);
		assertThat(postgres.count("select count(*) from alert_location")).isEqualTo(5);
		assertThat(postgres.rows("select full_name, visibility, archived, default_branch from repository order by 1"))
			.containsExactly("acme/api|public|f|main", "acme/infra|internal|f|main", "acme/web|private|f|main");
		assertThat(postgres.rows("select file_url from alert_location l join alert a on a.id = l.alert_id "
				+ "join repository r on r.id = a.repository_id where r.full_name = 'acme/api' and a.provider_alert_id = '1'"))
			.singleElement()
			.asString()
			.matches("https://github.com/acme/api/blob/[0-9a-f]{40}/config/app-1.yml#L1");
		assertThat(postgres.rows(SOURCE)).containsExactly("default|completed|null|2026-11-01 11:59:00+00|f|t|3|5|0",
				"generic|completed|null|null|f|t|1|0|0");
		for (int page = 1; page <= 3; page++) {
			assertThat(github.alertRequests(ORG, page)).isEqualTo(1);
		}
		assertThat(github.requests("/repos/acme/[a-z]+")).isEqualTo(3);
		assertThat(github.requests(".*/locations")).isZero();
	}

	@Test
	void syncWhenWatermarkReachedThenStopsWithoutReadingOlderPages() {
		github.alertPages(ORG, threePages(), null);
		sync.run("test").block();
		github.server().resetRequests();
		List<List<ObjectNode>> changed = threePages();
		changed.get(0).add(0, org.openAlert("api", 3, NOW.plusSeconds(60)));
		github.alertPages(ORG, changed, null);

		sync.run("test").block();

		assertThat(github.alertRequests(ORG, 1)).isEqualTo(1);
		assertThat(github.alertRequests(ORG, 2)).isZero();
		assertThat(postgres.count("select count(*) from alert")).isEqualTo(6);
		assertThat(postgres.rows("select watermark" + DEFAULT)).containsExactly("2026-11-01 12:01:00+00");
	}

	@Test
	void syncWhenOrganizationUnchangedThenOneConditionalRequestPerListing() {
		github.alertPages(ORG, List.of(List.of(org.openAlert("api", 1, NOW),
				org.alert("infra", 1, "postgres_connection_string", "open", NOW.minusSeconds(60)))), "W/\"acme-v1\"");
		github.notModifiedFor(ORG, "W/\"acme-v1\"");
		sync.run("test").block();
		String genericEtag = postgres.rows("select etag" + GENERIC).get(0);
		github.server().resetRequests();

		sync.run("test").block();

		assertThat(github.server().getAllServeEvents()).hasSize(2).allSatisfy(event -> {
			assertThat(event.getResponse().getStatus()).isEqualTo(304);
			assertThat(event.getRequest().getHeader("If-None-Match")).isNotBlank();
		});
		assertThat(github.alertRequests(ORG, 1)).isEqualTo(1);
		assertThat(github.typedAlertRequests(ORG)).hasSize(1);
		assertThat(genericEtag).startsWith("W/").isNotEqualTo("W/\"acme-v1\"");
		assertThat(postgres.rows("select listing, last_outcome, etag from sync_source order by listing"))
			.containsExactly("default|not_modified|W/\"acme-v1\"", "generic|not_modified|" + genericEtag);
		assertThat(postgres.count("select count(*) from alert")).isEqualTo(2);
	}

	@Test
	void syncWhenPrimaryRateLimitExhaustedThenWaitsForResetAndSucceeds() {
		String reset = String.valueOf(Instant.now().plusSeconds(1).getEpochSecond());
		firstAnswerThenPage(aResponse().withStatus(403)
			.withHeader("x-ratelimit-remaining", "0")
			.withHeader("x-ratelimit-reset", reset)
			.withBody("{\"message\":\"API rate limit exceeded\"}"));
		long started = System.nanoTime();

		sync.run("test").block();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(github.alertRequests(ORG, 1)).isEqualTo(2);
		assertThat(postgres.rows("select last_outcome" + DEFAULT)).containsExactly("completed");
	}

	@Test
	void syncWhenSecondaryRateLimitThenHonoursRetryAfter() {
		firstAnswerThenPage(aResponse().withStatus(429)
			.withHeader("retry-after", "1")
			.withBody("{\"message\":\"You have exceeded a secondary rate limit\"}"));
		long started = System.nanoTime();

		sync.run("test").block();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(github.alertRequests(ORG, 1)).isEqualTo(2);
		assertThat(postgres.count("select count(*) from alert")).isEqualTo(1);
	}

	@Test
	void syncWhenServerErrorThenRetriesAndSucceeds() {
		firstAnswerThenPage(aResponse().withStatus(502).withBody("bad gateway"));

		sync.run("test").block();

		assertThat(github.alertRequests(ORG, 1)).isEqualTo(2);
		assertThat(postgres.rows("select last_outcome" + DEFAULT)).containsExactly("completed");
	}

	@Test
	void syncWhenForbiddenWithoutRateLimitThenFailsWithoutRetrying() {
		github.server()
			.stubFor(github.alertsRequest(ORG, 1)
				.willReturn(aResponse().withStatus(403)
					.withBody("{\"message\":\"Resource not accessible by personal access token\"}")));

		sync.run("test").block();

		assertThat(github.alertRequests(ORG, 1)).isEqualTo(1);
		assertThat(postgres.rows("select last_outcome, last_error" + DEFAULT)).containsExactly(
				"failed|GET /orgs/acme/secret-scanning/alerts answered 403: Resource not accessible by personal access token");
	}

	@Test
	void syncWhenAlertMalformedThenStoresRestOfPageAndRecordsError(CapturedOutput output) {
		ObjectNode malformed = org.openAlert("web", 7, NOW.minusSeconds(30));
		malformed.put("created_at", "yesterday");
		github.alertPages(ORG, List.of(List.of(org.openAlert("api", 1, NOW), malformed,
				org.openAlert("infra", 1, NOW.minusSeconds(60)))), null);

		sync.run("test").block();

		assertThat(postgres.rows("select provider_alert_id from alert order by 1")).containsExactly("1", "1");
		assertThat(postgres.rows("select provider_alert_id, message from sync_error"))
			.containsExactly("7|unreadable field 'created_at'");
		assertThat(postgres.rows("select last_outcome, errors" + DEFAULT)).containsExactly("completed_with_errors|1");
		assertNoSecretLeaked(output);
	}

	@Test
	void syncWhenPageIsNotJsonThenFailsWithoutQuotingIt(CapturedOutput output) {
		String secret = org.secretFor("github_personal_access_token");
		github.server()
			.stubFor(github.alertsRequest(ORG, 1).willReturn(FakeGitHub.json(200, "[{\"number\": 1, \"secret\": " + secret)));

		sync.run("test").block();

		assertThat(postgres.rows("select last_outcome, last_error" + DEFAULT))
			.containsExactly("failed|GET /orgs/acme/secret-scanning/alerts answered unreadable JSON");
		assertNoSecretLeaked(output);
	}

	@Test
	void syncWhenAlertDoesNotCarryAllLocationsThenFetchesThem() {
		ObjectNode issueComment = GitHubPayloads.issueCommentLocation(ORG, "web", 12, 3401);
		ObjectNode commit = GitHubPayloads.commitLocation(ORG, "web", "deploy/.env", 3, 3, 1, 40,
				"a".repeat(40), "b".repeat(40));
		ObjectNode alert = GitHubPayloads.alert(new AlertSpec(ORG, org.orgId(), "web", 9002, true, 4, "slack_api_token",
				"Slack API Token", org.secretFor("slack_api_token"), "open", null, "unknown", false, false,
				NOW.minusSeconds(60), NOW, null, null, false));
		github.alertPages(ORG, List.of(List.of(alert)), null);
		github.locations("acme/web", 4, List.of(issueComment, commit));

		sync.run("test").block();

		assertThat(postgres.rows("select type, path, file_url, commit_url from alert_location order by type"))
			.containsExactly("commit|deploy/.env|https://github.com/acme/web/blob/" + "a".repeat(40)
					+ "/deploy/.env#L3|https://github.com/acme/web/commit/" + "a".repeat(40),
					"issue_comment|null|https://github.com/acme/web/issues/12#issuecomment-3401|null");
	}

	@Test
	void syncWhenInterruptedThenResumesAfterLastStoredPageAndConverges() {
		github.alertPages(ORG, threePages(), null);
		sync.run("test").block();
		List<String> reference = snapshot();
		List<String> referenceSource = postgres.rows("select watermark, full_pass_completed" + DEFAULT);
		postgres.truncateAll();
		github.reset();
		github.alertPages(ORG, threePages(), null);
		github.server().stubFor(github.alertsRequest(ORG, 2).atPriority(1).willReturn(aResponse().withStatus(500)));

		sync.run("test").block();

		assertThat(postgres.rows("select last_outcome, resume_point" + DEFAULT))
			.containsExactly("failed|" + github.pageUrl(ORG, 2));
		assertThat(postgres.count("select count(*) from alert")).isEqualTo(2);

		github.reset();
		github.alertPages(ORG, threePages(), null);
		sync.run("test").block();

		assertThat(github.alertRequests(ORG, 1)).isZero();
		assertThat(github.alertRequests(ORG, 2)).isEqualTo(1);
		assertThat(snapshot()).isEqualTo(reference);
		assertThat(postgres.rows("select watermark, full_pass_completed" + DEFAULT)).isEqualTo(referenceSource);
	}

	@Test
	void syncWhenLinkPointsToAnotherHostThenDoesNotFollowIt() {
		github.server()
			.stubFor(github.alertsRequest(ORG, 1)
				.willReturn(FakeGitHub.json(200, "[" + org.openAlert("api", 1, NOW) + "]")
					.withHeader("link", "<http://collector.invalid:8080/steal?page=2>; rel=\"next\"")));

		sync.run("test").block();

		assertThat(postgres.rows("select last_outcome, last_error" + DEFAULT)).containsExactly(
				"failed|Not following a link to collector.invalid: credentials go to the configured API host localhost only");
		assertThat(postgres.count("select count(*) from alert")).isEqualTo(1);
	}

	@Test
	void syncWhenStoredResumePointIsOnAnotherHostThenStartsThePassAgain() {
		github.alertPages(ORG, threePages(), null);
		sync.run("test").block();
		postgres.execute("update sync_source set resume_point = 'http://old-github.invalid/orgs/acme/secret-scanning/alerts?page=2'"
				+ " where listing = 'default'");
		github.server().resetRequests();

		sync.run("test").block();

		assertThat(github.alertRequests(ORG, 1)).isEqualTo(1);
		assertThat(postgres.rows("select last_outcome, resume_point" + DEFAULT)).containsExactly("completed|null");
	}

	@Test
	void syncWhenDoneThenNoRawSecretInDatabaseOrLogsAndOneRowPerCredential(CapturedOutput output) {
		String shared = org.secretFor("azure_storage_account_key");
		github.repositories(ORG, org.orgId(), org.repositories());
		github.alertPages(ORG, List.of(List.of(
				org.alert("api", 1, "azure_storage_account_key", "open", NOW, shared),
				org.alert("web", 1, "azure_storage_account_key", "open", NOW.minusSeconds(1), shared),
				org.alert("infra", 1, "postgres_connection_string", "open", NOW.minusSeconds(2)),
				org.alert("infra", 2, "rsa_private_key", "resolved", NOW.minusSeconds(3)),
				org.alert("web", 2, "aws_access_key_id", "open", NOW.minusSeconds(4)))), null);

		sync.run("test").block();

		assertThat(postgres.count("select count(*) from alert")).isEqualTo(5);
		assertThat(postgres.count("select count(*) from secret")).isEqualTo(4);
		assertThat(postgres.count("select count(distinct secret_id) from alert where secret_type = 'azure_storage_account_key'"))
			.isEqualTo(1);
		assertNoSecretLeaked(output);
	}

	private void assertNoSecretLeaked(CapturedOutput output) {
		String database = postgres.dumpAllTables();
		assertThat(org.issuedSecrets()).isNotEmpty().allSatisfy(secret -> {
			assertThat(database).doesNotContain(secret);
			assertThat(output.getAll()).doesNotContain(secret);
			String keyMaterial = secret.replaceAll("-----[A-Z ]+-----", "").strip();
			assertThat(database).doesNotContain(keyMaterial.substring(keyMaterial.length() - 12));
		});
	}

	private void firstAnswerThenPage(ResponseDefinitionBuilder first) {
		github.server()
			.stubFor(github.alertsRequest(ORG, 1)
				.inScenario("limited")
				.whenScenarioStateIs(STARTED)
				.willReturn(first)
				.willSetStateTo("open"));
		github.server()
			.stubFor(github.alertsRequest(ORG, 1)
				.inScenario("limited")
				.whenScenarioStateIs("open")
				.willReturn(FakeGitHub.json(200, "[" + org.openAlert("api", 1, NOW) + "]")));
	}

	/** Five alerts over three pages, newest first; the same alerts on every call. */
	private List<List<ObjectNode>> threePages() {
		if (threePages == null) {
			threePages = List.of(
					List.of(org.openAlert("api", 1, NOW.minusSeconds(60)), org.openAlert("web", 1, NOW.minusSeconds(120))),
					List.of(org.openAlert("infra", 1, NOW.minusSeconds(180)), org.openAlert("api", 2, NOW.minusSeconds(240))),
					List.of(org.openAlert("web", 2, NOW.minusSeconds(300))));
		}
		List<List<ObjectNode>> copy = new ArrayList<>();
		threePages.forEach(page -> copy.add(new ArrayList<>(page)));
		return copy;
	}

	private List<String> snapshot() {
		return postgres.rows("""
				select r.full_name, r.visibility, a.provider_alert_id, a.state, a.secret_type, a.updated_at,
				       s.fingerprint, s.preview,
				       (select string_agg(l.location_key || l.file_url, ',' order by l.location_key)
				        from alert_location l where l.alert_id = a.id)
				from alert a join repository r on r.id = a.repository_id left join secret s on s.id = a.secret_id
				order by r.full_name, a.provider_alert_id
				""");
	}

}
