package dev.leakpath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.OidcProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole sign-in flow against a real OpenID Connect provider in this JVM: authorization request,
 * code, token exchange, ID-token signature and nonce, then the session cookie, its CSRF token, its row in the
 * database and logout.
 */
@TestPropertySource(properties = { "leakpath.oidc.client-id=" + OidcProvider.CLIENT_ID,
		"leakpath.oidc.client-secret=" + OidcProvider.CLIENT_SECRET, "leakpath.oidc.admin-values=" + OidcProvider.ADMINS,
		"leakpath.oidc.viewer-values=developers", "leakpath.oidc.all-organizations-values=leakpath-auditors",
		"leakpath.oidc.organizations-claim=leakpath_orgs" })
class OidcSignInTests extends IntegrationTest {

	private static final OidcProvider provider = OidcProvider.start();

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("leakpath.oidc.issuer-uri", provider::issuerUri);
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@Test
	void signInWhenAdminGroupThenSessionIsAnAdminAndChangesNeedTheCsrfToken() throws Exception {
		String session = signIn("alice", Map.of("email", "alice@example.com", "groups", List.of("leakpath-admins")));

		FluxExchangeResult<JsonNode> me = withSession(web.get().uri("/api/v1/me"), session).exchange()
			.returnResult(JsonNode.class);
		assertThat(me.getStatus().value()).isEqualTo(200);
		JsonNode caller = me.getResponseBody().blockFirst();
		assertThat(caller.get("name").asText()).isEqualTo("oidc:alice@example.com");
		assertThat(caller.get("roles").toString()).isEqualTo("[\"viewer\",\"triager\",\"admin\"]");
		assertThat(caller.get("organizations").isNull()).isTrue();
		String csrf = me.getResponseCookies().getFirst("XSRF-TOKEN").getValue();

		String saved = "{\"name\": \"Mine\", \"query\": {\"source\": {\"family\": \"repository\"}}}";
		withSession(web.post().uri("/api/v1/explorer/saved"), session).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(saved).exchange().expectStatus().isForbidden()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("X-XSRF-TOKEN"));
		// a header that is not a bearer token does not stand in for the CSRF token
		withSession(web.post().uri("/api/v1/explorer/saved"), session).header(HttpHeaders.AUTHORIZATION, "Basic eDp5")
			.contentType(MediaType.APPLICATION_JSON).bodyValue(saved).exchange().expectStatus().isForbidden();
		withSession(web.post().uri("/api/v1/explorer/saved"), session).cookie("XSRF-TOKEN", csrf)
			.header("X-XSRF-TOKEN", csrf).contentType(MediaType.APPLICATION_JSON).bodyValue(saved).exchange()
			.expectStatus().isCreated();
		assertThat(postgres.rows("select actor || ' ' || method || ' ' || path || ' ' || status from audit_event"))
			.containsExactly("oidc:alice@example.com POST /api/v1/explorer/saved 201");

		withSession(web.post().uri("/logout"), session).cookie("XSRF-TOKEN", csrf).header("X-XSRF-TOKEN", csrf)
			.exchange().expectStatus().isFound().expectHeader().valueEquals(HttpHeaders.LOCATION, "/");
		withSession(web.get().uri("/api/v1/me"), session).exchange().expectStatus().isUnauthorized();
	}

	@Test
	void signInThenOnlyAHashOfTheSessionIdIsStoredAndSignOutDeletesTheSession() throws Exception {
		String session = signIn("grace", Map.of("email", "grace@example.com", "groups", List.of("leakpath-admins")));
		FluxExchangeResult<Void> me = withSession(web.get().uri("/api/v1/me"), session).exchange()
			.returnResult(Void.class);
		assertThat(me.getStatus().value()).isEqualTo(200);
		String csrf = me.getResponseCookies().getFirst("XSRF-TOKEN").getValue();

		// a database read gives no live session: the row is found by the id's SHA-256, and the id is nowhere
		assertThat(postgres.rows("select count(*) from web_session where id_hash = sha256(convert_to('" + session
				+ "', 'UTF8'))")).containsExactly("1");
		String everything = postgres.dumpAllTables();
		assertThat(everything).contains("web_session: ")
			.doesNotContain(session)
			.doesNotContain(HexFormat.of().formatHex(session.getBytes(StandardCharsets.UTF_8)));

		withSession(web.post().uri("/logout"), session).cookie("XSRF-TOKEN", csrf).header("X-XSRF-TOKEN", csrf)
			.exchange().expectStatus().isFound();
		assertThat(postgres.count("select count(*) from web_session")).isZero();
		withSession(web.get().uri("/api/v1/me"), session).exchange().expectStatus().isUnauthorized();
		assertThat(postgres.count("select count(*) from web_session")).isZero();
	}

	@Test
	void signInWhenNoAdminGroupThenViewerScopedToTheOrganizationsClaim() throws Exception {
		String session = signIn("bob", Map.of("preferred_username", "bob", "groups", List.of("developers"),
				"leakpath_orgs", List.of("globex")));

		JsonNode caller = withSession(web.get().uri("/api/v1/me"), session).exchange().expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(caller.get("name").asText()).isEqualTo("oidc:bob");
		assertThat(caller.get("roles").toString()).isEqualTo("[\"viewer\"]");
		assertThat(caller.get("organizations").toString()).isEqualTo("[\"globex\"]");
		withSession(web.get().uri("/api/v1/alerts"), session).exchange().expectStatus().isOk();
		withSession(web.get().uri("/api/v1/assets"), session).exchange().expectStatus().isForbidden();
	}

	@Test
	void signInWhenViewerHasNoOrganizationsClaimThenRefusedEverywhere() throws Exception {
		String missing = signIn("carol", Map.of("preferred_username", "carol", "groups", List.of("developers")));
		String empty = signIn("dave", Map.of("preferred_username", "dave", "groups", List.of("developers"),
				"leakpath_orgs", List.of()));

		for (String session : List.of(missing, empty)) {
			JsonNode caller = withSession(web.get().uri("/api/v1/me"), session).exchange().expectStatus().isOk()
				.expectBody(JsonNode.class).returnResult().getResponseBody();
			assertThat(caller.get("organizations").toString()).isEqualTo("[]");
			withSession(web.get().uri("/api/v1/alerts"), session).exchange().expectStatus().isForbidden();
			withSession(web.get().uri("/api/v1/repositories"), session).exchange().expectStatus().isForbidden();
			withSession(web.get().uri("/api/v1/assets"), session).exchange().expectStatus().isForbidden();
		}
	}

	@Test
	void signInWhenNoConfiguredValueThenNoRole() throws Exception {
		String session = signIn("eve", Map.of("preferred_username", "eve", "groups", List.of("everyone"),
				"leakpath_orgs", List.of("globex")));

		JsonNode caller = withSession(web.get().uri("/api/v1/me"), session).exchange().expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(caller.get("roles").toString()).isEqualTo("[]");
		withSession(web.get().uri("/api/v1/alerts"), session).exchange().expectStatus().isForbidden();
	}

	@Test
	void signInWhenAllOrganizationsValueThenViewerOfEveryOrganization() throws Exception {
		String session = signIn("frank", Map.of("preferred_username", "frank", "groups", List.of("leakpath-auditors")));

		JsonNode caller = withSession(web.get().uri("/api/v1/me"), session).exchange().expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(caller.get("roles").toString()).isEqualTo("[\"viewer\"]");
		assertThat(caller.get("organizations").isNull()).isTrue();
		withSession(web.get().uri("/api/v1/assets"), session).exchange().expectStatus().isOk();
		withSession(web.get().uri("/api/v1/audit"), session).exchange().expectStatus().isForbidden();
	}

	@Test
	void optionsThenTheDashboardKnowsWhereSignInStarts() {
		JsonNode options = web.get().uri("/auth/options").exchange().expectStatus().isOk().expectBody(JsonNode.class)
			.returnResult().getResponseBody();
		assertThat(options.get("oidc").asBoolean()).isTrue();
		assertThat(options.get("oidcLoginUrl").asText()).isEqualTo("/oauth2/authorization/oidc");
	}

	private String signIn(String subject, Map<String, Object> claims) throws IOException, InterruptedException {
		return provider.signIn(web, subject, claims);
	}

	private static <S extends WebTestClient.RequestHeadersSpec<?>> S withSession(S request, String session) {
		request.cookie("SESSION", session);
		return request;
	}

}
