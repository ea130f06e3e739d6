package dev.leakpath.owner;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.GitHubPayloads;
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
		github.server().stubFor(get(urlPathEqualTo("/repos/acme/web/collaborators"))
			.withQueryParam("affiliation", equalTo("direct")).withQueryParam("permission", equalTo("admin"))
			.willReturn(FakeGitHub.json(200, """
					[{"login": "octo-admin", "id": 7, "type": "User", "role_name": "admin"}]""")));

		sync.run("test").block();

		assertThat(owners()).containsExactly("acme/api codeowners [\"@acme/api-owners\",\"alice@acme.example\"]",
				"acme/infra config [\"platform@acme.example\"]", "acme/web admins [\"@acme/web-admins\",\"@octo-admin\"]");
		// a mapped repository costs no request
		assertThat(github.requests("/repos/acme/infra/contents/.*")).isZero();
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
		// GitHub's own order: .github/, the root, docs/
		assertThat(github.requests("/repos/acme/api/contents/.*")).isEqualTo(3);
	}

	@Test
	void syncWhenTheOwnerReadFailedThenItIsAskedAgainAtTheNextPassNotAfterTheTtl() {
		github.server().stubFor(get(urlPathEqualTo("/repos/acme/web/teams")).willReturn(FakeGitHub.json(500, "{}")));
		sync.run("test").block();
		assertThat(owners()).contains("acme/web fallback [\"security@acme.example\"]");

		github.server().stubFor(get(urlPathEqualTo("/repos/acme/web/teams")).willReturn(FakeGitHub.json(200, """
				[{"id": 1, "slug": "web-admins", "name": "Web admins", "permission": "admin"}]""")));
		github.server().stubFor(get(urlPathEqualTo("/repos/acme/web/collaborators"))
			.willReturn(FakeGitHub.json(200, "[]")));
		sync.run("test").block();

		assertThat(owners()).contains("acme/web admins [\"@acme/web-admins\"]");
		// the repositories whose owners were read are not asked again within the TTL
		int teamReads = github.requests("/repos/acme/web/teams");
		sync.run("test").block();
		assertThat(github.requests("/repos/acme/web/teams")).isEqualTo(teamReads);
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
		github.server().stubFor(get(urlPathEqualTo("/repos/" + fullName + "/contents/" + path))
			.willReturn(FakeGitHub.json(200, GitHubPayloads.contentFile(path, file))));
	}

}
