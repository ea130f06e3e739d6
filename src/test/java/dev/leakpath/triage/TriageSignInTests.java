package dev.leakpath.triage;

import static dev.leakpath.testsupport.FakeAzureDevOps.API_REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.OidcProvider;
import dev.leakpath.testsupport.TriageIntegrationTest;

import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Triage from a signed-in dashboard session: a triager value of the roles claim grants triage of the
 * organisations of the organisations claim only, apart from what the user sees; a change needs the CSRF token,
 * as every change on a session does. Only intake is under test here: the worker is off.
 */
@TestPropertySource(properties = { "leakpath.oidc.client-id=" + OidcProvider.CLIENT_ID,
		"leakpath.oidc.client-secret=" + OidcProvider.CLIENT_SECRET, "leakpath.oidc.admin-values=" + OidcProvider.ADMINS,
		"leakpath.oidc.all-organizations-values=leakpath-auditors", "leakpath.oidc.triager-values=secops",
		"leakpath.oidc.organizations-claim=leakpath_orgs", "leakpath.triage.worker.enabled=false" })
class TriageSignInTests extends TriageIntegrationTest {

	private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");

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
	void triageWhenTheUserSeesEveryOrganisationButTriagesOneThenOnlyThatOneAndOnlyWithTheCsrfToken() throws Exception {
		synced(List.of(org.openAlert("api", 41, NOW)), List.of(ado.alert(API_REPOSITORY, 42, "active", NOW)));
		String session = provider.signIn(web, "heidi", Map.of("email", "heidi@acme.example", "groups",
				List.of("leakpath-auditors", "secops"), "leakpath_orgs", List.of("acme")));
		FluxExchangeResult<JsonNode> me = session(web.get().uri("/api/v1/me"), session).exchange()
			.returnResult(JsonNode.class);
		JsonNode caller = me.getResponseBody().blockFirst();
		assertThat(caller.get("roles").toString()).isEqualTo("[\"viewer\",\"triager\"]");
		assertThat(caller.get("organizations").isNull()).isTrue();
		assertThat(caller.get("triageOrganizations").toString()).isEqualTo("[\"acme\"]");
		String csrf = me.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
		String acme = "/api/v1/alerts/" + alertId("github", "41") + "/triage";
		String contoso = "/api/v1/alerts/" + alertId("azure_devops", "42") + "/triage";
		String body = "{\"action\": \"dismiss\", \"resolution\": \"used_in_tests\"}";

		session(web.post().uri(acme), session).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("X-XSRF-TOKEN"));
		session(web.post().uri(contoso), session).cookie("XSRF-TOKEN", csrf).header("X-XSRF-TOKEN", csrf)
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.detail").isEqualTo("the caller may not triage alerts of contoso; it triages those of acme");
		assertThat(postgres.count("select count(*) from triage_command")).isZero();

		session(web.post().uri(acme), session).cookie("XSRF-TOKEN", csrf).header("X-XSRF-TOKEN", csrf)
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isAccepted()
			.expectBody().jsonPath("$.requestedBy").isEqualTo("oidc:heidi@acme.example");
		assertThat(postgres.rows("select subject, actor from audit_event where subject is not null"))
			.containsExactly("alert:" + alertId("github", "41") + "|oidc:heidi@acme.example");
	}

	@Test
	void triageWhenTheTriagerHasNoOrganisationsClaimThenForbiddenEverywhere() throws Exception {
		synced(List.of(org.openAlert("api", 43, NOW)), List.of());
		String session = provider.signIn(web, "ivan", Map.of("preferred_username", "ivan", "groups",
				List.of("leakpath-auditors", "secops")));
		FluxExchangeResult<Void> me = session(web.get().uri("/api/v1/me"), session).exchange().returnResult(Void.class);
		String csrf = me.getResponseCookies().getFirst("XSRF-TOKEN").getValue();

		session(web.post().uri("/api/v1/alerts/" + alertId("github", "43") + "/triage"), session)
			.cookie("XSRF-TOKEN", csrf).header("X-XSRF-TOKEN", csrf)
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"action\": \"reopen\"}").exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("triager role"));
	}

	private static <S extends WebTestClient.RequestHeadersSpec<?>> S session(S request, String session) {
		request.cookie("SESSION", session);
		return request;
	}

}
