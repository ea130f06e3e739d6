package dev.leakpath.security;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Roles, organisation scopes, the audit log and the security headers, over real HTTP. */
class AccessControlTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	private static final String SAVED_QUERY = """
			{"name": "Public repositories",
			 "query": {"source": {"family": "repository", "conditions": [
			   {"property": "visibility", "operator": "equals", "value": "public"}]}}}""";

	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	@BeforeEach
	void twoAlerts() {
		github.repositories(ORG, org.orgId(), org.repositories());
		github.alertPages(ORG, List.of(List.of(org.alert("api", 1, "github_personal_access_token", "open", NOW),
				org.alert("web", 1, "azure_storage_account_key", "open", NOW.minusSeconds(1)))), null);
		sync.run("test").block();
	}

	@Test
	void viewerWhenReadingThenAllowedAndWhenChangingThenForbiddenWithTheRoleNeeded() {
		assertThat(get(VIEWER_TOKEN, "/api/v1/alerts").expectStatus().isOk().expectBody(JsonNode.class).returnResult()
			.getResponseBody().get("items")).hasSize(2);
		get(VIEWER_TOKEN, "/api/v1/assets").expectStatus().isOk();
		post(VIEWER_TOKEN, "/api/v1/explorer/query", """
				{"source": {"family": "repository"}}""").expectStatus().isOk();

		post(VIEWER_TOKEN, "/api/v1/sync", "{}").expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("admin role"));
		post(VIEWER_TOKEN, "/api/v1/explorer/saved", SAVED_QUERY).expectStatus().isForbidden();
		get(VIEWER_TOKEN, "/api/v1/audit").expectStatus().isForbidden();
		assertThat(postgres.count("select count(*) from explorer_saved_query")).isZero();
	}

	@Test
	void unknownOrMissingTokenThenUnauthorized() {
		get("not-a-token", "/api/v1/alerts").expectStatus().isUnauthorized()
			.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		web.get().uri("/api/v1/alerts").exchange().expectStatus().isUnauthorized();
		web.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void unauthenticatedChangeWhateverTheMethodThenUnauthorized() {
		web.post().uri("/api/v1/sync").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
			.expectStatus().isUnauthorized().expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		web.put().uri("/api/v1/assets").contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
			.expectStatus().isUnauthorized();
		web.delete().uri("/api/v1/explorer/saved/1").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void scopedViewerWhenReadingThenOnlyItsOrganizations() {
		long alertId = postgres.count("select min(id) from alert");

		assertThat(items(ACME_TOKEN, "/api/v1/alerts")).hasSize(2);
		assertThat(items(ACME_TOKEN, "/api/v1/repositories")).isNotEmpty();
		assertThat(items(ACME_TOKEN, "/api/v1/secrets")).hasSize(2);
		assertThat(items(ACME_TOKEN, "/api/v1/recommendations")).isNotEmpty();
		get(ACME_TOKEN, "/api/v1/alerts/" + alertId).expectStatus().isOk();

		assertThat(items(GLOBEX_TOKEN, "/api/v1/alerts")).isEmpty();
		assertThat(items(GLOBEX_TOKEN, "/api/v1/repositories")).isEmpty();
		assertThat(items(GLOBEX_TOKEN, "/api/v1/secrets")).isEmpty();
		assertThat(items(GLOBEX_TOKEN, "/api/v1/secrets?sort=pathsClosed")).isEmpty();
		assertThat(items(GLOBEX_TOKEN, "/api/v1/recommendations")).isEmpty();
		assertThat(items(GLOBEX_TOKEN, "/api/v1/attack-paths?status=all")).isEmpty();
		get(GLOBEX_TOKEN, "/api/v1/alerts/" + alertId).expectStatus().isNotFound();

		// what spans every organisation is refused, not silently filtered
		get(GLOBEX_TOKEN, "/api/v1/assets").expectStatus().isForbidden();
		get(GLOBEX_TOKEN, "/api/v1/sync").expectStatus().isForbidden();
		post(GLOBEX_TOKEN, "/api/v1/explorer/query", "{\"source\": {\"family\": \"repository\"}}").expectStatus()
			.isForbidden();
		JsonNode me = get(GLOBEX_TOKEN, "/api/v1/me").expectStatus().isOk().expectBody(JsonNode.class).returnResult()
			.getResponseBody();
		assertThat(me.get("name").asText()).isEqualTo("token:globex-team");
		assertThat(me.get("roles").toString()).isEqualTo("[\"viewer\"]");
		assertThat(me.get("organizations").toString()).isEqualTo("[\"globex\"]");
	}

	@Test
	void adminWhenChangingThenEachChangeIsAuditedWithoutTheToken() {
		post(API_TOKEN, "/api/v1/explorer/saved", SAVED_QUERY).expectStatus().isCreated();
		post(API_TOKEN, "/api/v1/explorer/saved", SAVED_QUERY).expectStatus().isEqualTo(409);
		post(API_TOKEN, "/api/v1/explorer/query", "{\"source\": {\"family\": \"repository\"}}").expectStatus().isOk();
		post(VIEWER_TOKEN, "/api/v1/sync", "{}").expectStatus().isForbidden();

		JsonNode events = items(API_TOKEN, "/api/v1/audit");
		assertThat(events).hasSize(2);
		assertThat(events.findValuesAsText("path")).containsOnly("/api/v1/explorer/saved");
		assertThat(events.findValuesAsText("method")).containsOnly("POST");
		assertThat(events.findValuesAsText("status")).containsExactly("409", "201");
		assertThat(events.get(0).get("actor").asText()).matches("token:sha256:[0-9a-f]{8}");
		assertThat(events.get(0).get("remoteAddress").asText()).isNotBlank();
		assertThat(postgres.dumpAllTables()).doesNotContain(API_TOKEN);
		String actor = events.get(0).get("actor").asText();
		assertThat(items(API_TOKEN, "/api/v1/audit?actor=" + actor)).hasSize(2);
		assertThat(items(API_TOKEN, "/api/v1/audit?actor=token:someone-else")).isEmpty();
	}

	@Test
	void everyAnswerCarriesSecurityHeaders() {
		for (WebTestClient.ResponseSpec response : List.of(web.get().uri("/").exchange(),
				get(VIEWER_TOKEN, "/api/v1/alerts"), web.get().uri("/api/v1/alerts").exchange())) {
			response.expectHeader()
				.valueEquals("Content-Security-Policy", ApiSecurityConfiguration.CONTENT_SECURITY_POLICY)
				.expectHeader().valueEquals("X-Frame-Options", "DENY")
				.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
				.expectHeader().valueEquals("Referrer-Policy", "same-origin");
		}
	}

	private WebTestClient.ResponseSpec get(String token, String uri) {
		return web.get().uri(uri).headers(headers -> headers.setBearerAuth(token)).exchange();
	}

	private WebTestClient.ResponseSpec post(String token, String uri, String json) {
		return web.post().uri(uri).headers(headers -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private JsonNode items(String token, String uri) {
		return get(token, uri).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
			.get("items");
	}

}
