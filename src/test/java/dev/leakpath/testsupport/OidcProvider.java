package dev.leakpath.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A real OpenID Connect provider in the test JVM (mock-oauth2-server), and the browser's part of signing in to
 * leakpath with it: authorization request, code, token exchange, ID-token signature and nonce.
 */
public final class OidcProvider implements AutoCloseable {

	public static final String CLIENT_ID = "leakpath-dashboard";

	public static final String CLIENT_SECRET = "test-oidc-client-secret";

	/** The value of the groups claim that makes an admin. */
	public static final String ADMINS = "leakpath-admins";

	private static final String ISSUER = "corp";

	private final MockOAuth2Server server;

	private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private OidcProvider(MockOAuth2Server server) {
		this.server = server;
	}

	public static OidcProvider start() {
		MockOAuth2Server server = new MockOAuth2Server();
		server.start();
		return new OidcProvider(server);
	}

	public String issuerUri() {
		return server.issuerUrl(ISSUER).toString();
	}

	/** Sign-in for {@link ApplicationProcess}: this provider, and {@link #ADMINS} as the admin value. */
	public List<String> arguments() {
		return List.of("--leakpath.oidc.issuer-uri=" + issuerUri(), "--leakpath.oidc.client-id=" + CLIENT_ID,
				"--leakpath.oidc.client-secret=" + CLIENT_SECRET, "--leakpath.oidc.admin-values=" + ADMINS);
	}

	/** Walks the redirects a browser would follow; returns the signed-in session's cookie. */
	public String signIn(WebTestClient web, String subject, Map<String, Object> claims)
			throws IOException, InterruptedException {
		server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, subject, "JWT", List.of(CLIENT_ID), claims, 3600));
		FluxExchangeResult<Void> start = web.get().uri("/oauth2/authorization/oidc").exchange().returnResult(Void.class);
		assertThat(start.getStatus().value()).isEqualTo(302);
		URI authorize = start.getResponseHeaders().getLocation();
		assertThat(authorize.toString()).startsWith(issuerUri());
		ResponseCookie preLogin = start.getResponseCookies().getFirst("SESSION");

		HttpResponse<Void> code = browser.send(HttpRequest.newBuilder(authorize).build(),
				HttpResponse.BodyHandlers.discarding());
		URI callback = URI.create(code.headers().firstValue("Location").orElseThrow());
		assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/oidc");

		FluxExchangeResult<Void> done = web.get().uri(callback)
			.cookie("SESSION", preLogin.getValue()).exchange().returnResult(Void.class);
		assertThat(done.getStatus().value()).isEqualTo(302);
		assertThat(done.getResponseHeaders().getLocation()).hasToString("/");
		String session = done.getResponseCookies().getFirst("SESSION").getValue();
		// a session id known before sign-in is worthless after it
		assertThat(session).isNotEqualTo(preLogin.getValue());
		return session;
	}

	@Override
	public void close() {
		server.shutdown();
	}

}
