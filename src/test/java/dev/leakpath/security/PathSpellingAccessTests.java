package dev.leakpath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A path is authorised as it is routed: percent-encoded letters and slashes, doubled slashes and dot
 * segments reach no admin-only or unscoped-only answer.
 */
class PathSpellingAccessTests extends IntegrationTest {

	/** What only an unscoped caller may read (besides what needs the admin role). */
	private static final List<String> UNSCOPED_ONLY_READS = List.of("/api/v1/assets", "/api/v1/sync",
			"/api/v1/webhooks/deliveries", "/api/v1/audit", "/api/v1/notifications", "/api/v1/notifications/rules",
			"/api/v1/explorer/templates", "/api/v1/explorer/saved", "/api/v1/tickets");

	/**
	 * A new connection per request: over pooled connections, a request sent after the firewall's empty 400 for
	 * a malformed path was now and then never answered (seen with both the JDK and the Reactor Netty client).
	 */
	private final WebTestClient client = WebTestClient.bindToServer(
			new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection()))).build();

	@LocalServerPort
	private int port;

	@Test
	void viewerWhenAuditPathIsSpelledOtherwiseThenRefused() {
		get(VIEWER_TOKEN, "/api/v1/audit").assertRefused();
		for (String spelling : spellings("/api/v1/audit")) {
			get(VIEWER_TOKEN, spelling).assertRefused();
		}
	}

	@Test
	void scopedViewerWhenUnscopedPathIsSpelledOtherwiseThenRefused() {
		for (String path : UNSCOPED_ONLY_READS) {
			get(GLOBEX_TOKEN, path).assertRefused();
			for (String spelling : spellings(path)) {
				get(GLOBEX_TOKEN, spelling).assertRefused();
			}
		}
		for (String spelling : spellings("/api/v1/explorer/query")) {
			send(GLOBEX_TOKEN, spelling, "{\"source\": {\"family\": \"repository\"}}")
				.assertRefused();
		}
	}

	@Test
	void viewerWhenChangePathIsSpelledOtherwiseThenRefused() {
		String saved = "{\"name\": \"Mine\", \"query\": {\"source\": {\"family\": \"repository\"}}}";
		for (String spelling : spellings("/api/v1/explorer/saved")) {
			send(VIEWER_TOKEN, spelling, saved).assertRefused();
		}
		assertThat(postgres.count("select count(*) from explorer_saved_query")).isZero();
	}

	/** The same path with its last segment's first letter encoded, an encoded slash, doubled slashes, dot segments. */
	private static List<String> spellings(String path) {
		int last = path.lastIndexOf('/') + 1;
		String encodedLetter = path.substring(0, last) + "%" + Integer.toHexString(path.charAt(last))
				+ path.substring(last + 1);
		String upperEncodedLetter = path.substring(0, last) + "%" + Integer.toHexString(path.charAt(last)).toUpperCase()
				+ path.substring(last + 1);
		String encodedSlash = path.substring(0, last - 1) + "%2F" + path.substring(last);
		String doubledSlashes = path.replace("/v1/", "/v1//").replace("/api/", "/api//");
		String dotSegments = path.replace("/v1/", "/v1/x/../");
		String dot = path.replace("/v1/", "/v1/./");
		String encodedDots = path.replace("/v1/", "/v1/x/%2E%2E/");
		String encodedPrefix = "/%61pi" + path.substring("/api".length());
		return List.of(encodedLetter, upperEncodedLetter, encodedSlash, doubledSlashes, dotSegments, dot, encodedDots,
				encodedPrefix);
	}

	private Answer get(String token, String path) {
		return exchange(client.get().uri(uri(path)), token, path);
	}

	private Answer send(String token, String path, String json) {
		return exchange(client.post().uri(uri(path)).contentType(MediaType.APPLICATION_JSON).bodyValue(json), token, path);
	}

	private Answer exchange(WebTestClient.RequestHeadersSpec<?> request, String token, String path) {
		try {
			EntityExchangeResult<String> result = request.headers(headers -> headers.setBearerAuth(token))
				.exchange()
				.expectBody(String.class)
				.returnResult();
			return new Answer(path, result.getStatus().value(), result.getResponseBody());
		}
		catch (IllegalStateException ex) {
			throw new AssertionError(path + " got no answer", ex);
		}
	}

	/** As written: a URI is sent without encoding or normalising it again. */
	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private record Answer(String path, int status, String body) {

		void assertRefused() {
			assertThat(status).as("%s answered %d: %s", path, status, body).isIn(400, 401, 403, 404, 405);
		}

	}

}
