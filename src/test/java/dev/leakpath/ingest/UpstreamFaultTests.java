package dev.leakpath.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * GitHub failing some requests, as a busy GitHub does: bursts of 5xx (each request answered after a few tries)
 * and a secondary rate limit (429 with {@code Retry-After}, github-api.md §5). The retries must ride them out in
 * one pass; the circuit breaker is for a provider that is down, not for one that is slow to answer.
 */
class UpstreamFaultTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

	private static final int PAGES = 12;

	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	@Test
	void syncWhenBurstsOf5xxAndARateLimitThenOnePassStoresEveryAlert() {
		github.repositories(ORG, org.orgId(), org.repositories());
		List<List<ObjectNode>> pages = new ArrayList<>();
		for (int page = 1; page <= PAGES; page++) {
			pages.add(List.of(org.openAlert("api", page, NOW.minusSeconds(page))));
		}
		github.alertPages(ORG, pages, null);
		failTimes(3, 500, 502, 503);
		failTimes(4, 500, 500, 503);
		failTimes(7, 502, 503, 500);
		rateLimitOnce(9);

		sync.run("test").block();

		assertThat(postgres.rows("select listing, last_outcome, pages, alerts_seen from sync_source where listing = 'default'"))
			.containsExactly("default|completed|" + PAGES + "|" + PAGES);
		assertThat(postgres.count("select count(*) from alert")).isEqualTo(PAGES);
		assertThat(postgres.rows("select status from sync_run")).containsExactly("succeeded");
	}

	/** The page's first requests answer these statuses, in order; then it answers as usual. */
	private void failTimes(int page, int... statuses) {
		String scenario = "faults on page " + page;
		String state = STARTED;
		for (int index = 0; index < statuses.length; index++) {
			String next = "failed " + (index + 1);
			github.server().stubFor(github.alertsRequest(ORG, page).atPriority(1)
				.inScenario(scenario)
				.whenScenarioStateIs(state)
				.willSetStateTo(next)
				.willReturn(aResponse().withStatus(statuses[index])
					.withHeader("Content-Type", "application/json; charset=utf-8")
					.withBody("{\"message\":\"Server Error\"}")));
			state = next;
		}
	}

	/** GitHub's secondary rate limit: 429, a message, and how long to wait (github-api.md §5). */
	private void rateLimitOnce(int page) {
		github.server().stubFor(github.alertsRequest(ORG, page).atPriority(1)
			.inScenario("rate limit on page " + page)
			.whenScenarioStateIs(STARTED)
			.willSetStateTo("limited")
			.willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json; charset=utf-8")
				.withHeader("Retry-After", "1")
				.withHeader("x-ratelimit-remaining", "4211")
				.withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\","
						+ "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\"}")));
	}

}
