package dev.leakpath.owner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Owners from config, CODEOWNERS, admins and the fallback, read while repository metadata is. */
@TestPropertySource(properties = { "leakpath.owners.read-codeowners=true",
		"leakpath.owners.mappings[0].pattern=acme/infra*", "leakpath.owners.mappings[0].owners=platform@acme.example",
		"leakpath.owners.fallback.acme=security@acme.example" })
class OwnerTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	@BeforeEach
	void alertsInEveryRepository() {
		github.repositories(ORG, org.orgId(), org.repositories());
		github.alertPages(ORG, List.of(List.of(org.alert("api", 1, "slack_api_token", "open", NOW),
				org.alert("web", 1, "slack_api_token", "open", NOW.minusSeconds(1)),
				org.alert("infra", 1, "slack_api_token", "open", NOW.minusSeconds(2)))), null);
	}

	@Test
	void syncThenEachRepositoryHasTheOwnersOfTheFirstSourceThatNamesAny() {
		codeOwners("acme/api", ".github/CODEOWNERS", """
				# owners of everything, unless a later rule says otherwise
				*            @acme/everyone
				/docs/       docs@acme.example
				*            @acme/api-owners alice@acme.example   # the last match wins
				""");
		github.server().stubFor(get(urlPathEqualTo("/repos/acme/web/teams")).willReturn(FakeGitHub.json(200, """
				[{"id": 1, "slug": "web-admins", "name": "Web admins", "permission": "admin"},
				 {"id": 2, "slug": "readers", "name": "Readers", "permission": "pull"}]""")));
		github.collaborators("acme/web", "octo-admin", "ADMIN", "octo-writer", "WRITE");

		sync.run("test").block();

		assertThat(owners()).containsExactly("acme/api codeowners [\"@acme/api-owners\",\"alice@acme.example\"]",
				"acme/infra config [\"platform@acme.example\"]", "acme/web admins [\"@acme/web-admins\",\"@octo-admin\"]");
		// one query for both repositories the config does not map; only web, without CODEOWNERS, costs a teams read
		assertThat(github.graphQlRequests()).isEqualTo(1);
		assertThat(github.requests("/repos/acme/.*/teams")).isEqualTo(1);
		JsonNode alert = alert("acme/api", "1").get("repository");
		assertThat(alert.get("owners").toString()).isEqualTo("[\"@acme/api-owners\",\"alice@acme.example\"]");
		assertThat(alert.get("ownerSource").asText()).isEqualTo("codeowners");
		JsonNode recommendation = getJson("/api/v1/recommendations").get("items").get(0).get("repository");
		assertThat(recommendation.get("ownerSource").asText()).isNotBlank();
		assertThat(recommendation.get("owners")).isNotEmpty();
	}

	@Test
	void syncWhenProviderFailsOrNamesNobodyThenFallbackContacts() {
		github.server().stubFor(get(urlPathEqualTo("/repos/acme/web/teams")).willReturn(FakeGitHub.json(500, "{}")));
		codeOwners("acme/api", "docs/CODEOWNERS", "# nobody yet\n");

		sync.run("test").block();

		assertThat(owners()).containsExactly("acme/api fallback [\"security@acme.example\"]",
				"acme/infra config [\"platform@acme.example\"]", "acme/web fallback [\"security@acme.example\"]");
	}

	@Test
	void syncThenTheFirstCodeOwnersInGitHubsOrderWinsAndHiddenCollaboratorsAreNone() {
		// GitHub's own order: .github/, the root, docs/
		codeOwners("acme/api", "docs/CODEOWNERS", "* @acme/docs-team\n");
		codeOwners("acme/api", "CODEOWNERS", "* @acme/root-team\n");
		github.collaboratorsForbidden("acme/web");
		github.server().stubFor(get(urlPathEqualTo("/repos/acme/web/teams")).willReturn(FakeGitHub.json(200, """
				[{"id": 1, "slug": "web-admins", "name": "Web admins", "permission": "admin"}]""")));

		sync.run("test").block();

		assertThat(owners()).containsExactly("acme/api codeowners [\"@acme/root-team\"]",
				"acme/infra config [\"platform@acme.example\"]", "acme/web admins [\"@acme/web-admins\"]");
	}

	@Test
	void syncWhenTheOwnerReadFailedThenItIsAskedAgainAtTheNextPassNotAfterTheTtl() {
		github.server().stubFor(get(urlPathEqualTo("/repos/acme/web/teams")).willReturn(FakeGitHub.json(500, "{}")));
		sync.run("test").block();
		assertThat(owners()).contains("acme/web fallback [\"security@acme.example\"]");

		github.server().stubFor(get(urlPathEqualTo("/repos/acme/web/teams")).willReturn(FakeGitHub.json(200, """
				[{"id": 1, "slug": "web-admins", "name": "Web admins", "permission": "admin"}]""")));
		sync.run("test").block();

		assertThat(owners()).contains("acme/web admins [\"@acme/web-admins\"]");
		// the repositories whose owners were read are not asked again within the TTL
		int teamReads = github.requests("/repos/acme/web/teams");
		sync.run("test").block();
		assertThat(github.requests("/repos/acme/web/teams")).isEqualTo(teamReads);
	}

	/**
	 * A spent GraphQL budget: GitHub answers the query with an error of type {@code RATE_LIMITED} and
	 * {@code x-ratelimit-remaining: 0} ("Rate limits and query limits for the GraphQL API", docs.github.com; the
	 * status is 200 or 403), and the query is sent again only after {@code x-ratelimit-reset}.
	 */
	@Test
	void syncWhenTheGraphQlBudgetIsSpentThenTheQueryWaitsForTheReset() {
		codeOwners("acme/api", ".github/CODEOWNERS", "* @acme/api-owners\n");
		long reset = Instant.now().getEpochSecond() + 2;
		github.server().stubFor(post(urlPathEqualTo("/graphql")).atPriority(1)
			.inScenario("graphql budget").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("reset")
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
				.withBody("""
						{"errors": [{"type": "RATE_LIMITED", "code": "graphql_rate_limit",
						  "message": "API rate limit already exceeded for installation ID 1."}]}""")
				.withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
				.withHeader("x-ratelimit-resource", "graphql").withHeader("x-ratelimit-reset", String.valueOf(reset))));

		sync.run("test").block();

		assertThat(owners()).contains("acme/api codeowners [\"@acme/api-owners\"]");
		List<Instant> queries = github.server().findAll(postRequestedFor(urlPathEqualTo("/graphql"))).stream()
			.map(query -> query.getLoggedDate().toInstant())
			.sorted()
			.toList();
		assertThat(queries).hasSize(2);
		assertThat(queries.get(1)).isAfterOrEqualTo(Instant.ofEpochSecond(reset));
	}

	private List<String> owners() {
		List<String> owners = new ArrayList<>();
		for (JsonNode repository : getJson("/api/v1/repositories").get("items")) {
			owners.add(repository.get("fullName").asText() + " " + repository.get("ownerSource").asText() + " "
					+ repository.get("owners"));
		}
		owners.sort(null);
		return owners;
	}

	private static void codeOwners(String fullName, String path, String file) {
		github.codeOwners(fullName, path, file);
	}

}
