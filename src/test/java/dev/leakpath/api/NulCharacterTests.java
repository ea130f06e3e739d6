package dev.leakpath.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * PostgreSQL refuses 0x00 in text: a NUL in a filter or a JSON string is the caller's mistake, answered 400
 * naming where it was, before any byte of the answer (exports included) is sent.
 */
class NulCharacterTests extends IntegrationTest {

	@LocalServerPort
	private int port;

	static Stream<Arguments> filters() {
		return Stream.of(Arguments.of("/api/v1/alerts?organization=ac%00me", "organization"),
				Arguments.of("/api/v1/alerts?repository=acme/api%00", "repository"),
				Arguments.of("/api/v1/alerts?secretType=%00", "secretType"),
				Arguments.of("/api/v1/alerts/export?repository=acme%00", "repository"),
				Arguments.of("/api/v1/alerts/export?format=sarif&organization=%00acme", "organization"),
				Arguments.of("/api/v1/repositories?organization=ac%00me", "organization"),
				Arguments.of("/api/v1/assets?cloud=az%00ure", "cloud"),
				Arguments.of("/api/v1/assets?resourceType=x%00", "resourceType"),
				Arguments.of("/api/v1/audit?actor=token:%00", "actor"),
				Arguments.of("/api/v1/attack-paths?repository=acme/api%00", "repository"),
				Arguments.of("/api/v1/attack-paths/export?repository=acme/api%00", "repository"));
	}

	@ParameterizedTest
	@MethodSource("filters")
	void filterWhenItHoldsNulThen400NamingTheParameter(String uri, String parameter) {
		// a URI as given: a template would encode the % of %00 again
		EntityExchangeResult<JsonNode> result = web.get()
			.uri(URI.create("http://localhost:" + port + uri))
			.headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JsonNode.class)
			.returnResult();

		assertThat(result.getResponseBody().get("detail").asText())
			.isEqualTo("parameter '" + parameter + "' must not contain a NUL character");
	}

	static Stream<Arguments> bodies() {
		return Stream.of(Arguments.of(HttpMethod.PUT, "/api/v1/assets", """
				[{"cloud": "azure", "resourceType": "Microsoft.Storage/storageAccounts",
				  "providerId": "/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.Storage/storageAccounts/st\\u0000",
				  "name": "st", "hosts": ["st.blob.core.windows.net"]}]""", "/0/providerId"),
				Arguments.of(HttpMethod.PUT, "/api/v1/assets", """
						[{"cloud": "azure", "resourceType": "Microsoft.Storage/storageAccounts",
						  "providerId": "/subscriptions/0a1b/st", "name": "st", "tags": {"env": "prod\\u0000"}}]""",
						"/0/tags/env"),
				Arguments.of(HttpMethod.POST, "/api/v1/explorer/query", """
						{"source": {"family": "repository", "conditions": [
						  {"property": "visibility", "operator": "equals", "value": "pub\\u0000lic"}]}}""",
						"/source/conditions/0/value"),
				Arguments.of(HttpMethod.POST, "/api/v1/explorer/saved", """
						{"name": "Public\\u0000", "query": {"source": {"family": "repository"}}}""", "/name"),
				Arguments.of(HttpMethod.POST, "/api/v1/explorer/saved", """
						{"name": "Public", "query": {"source": {"family": "repository", "conditions": [
						  {"property": "visibility", "operator": "equals", "value": "\\u0000"}]}}}""",
						"/query/source/conditions/0/value"),
				Arguments.of(HttpMethod.POST, "/api/v1/notifications/rules", """
						{"name": "web\\u0000", "events": ["alert_opened"], "channels": ["teams"]}""", "/name"),
				Arguments.of(HttpMethod.POST, "/api/v1/notifications/rules", """
						{"name": "web", "repositories": ["acme/web\\u0000"], "channels": ["teams"]}""",
						"/repositories/0"));
	}

	@ParameterizedTest
	@MethodSource("bodies")
	void bodyWhenAStringHoldsNulThen400NamingTheField(HttpMethod method, String uri, String body, String field) {
		EntityExchangeResult<JsonNode> result = web.method(method)
			.uri(uri)
			.headers(headers -> headers.setBearerAuth(API_TOKEN))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JsonNode.class)
			.returnResult();

		assertThat(result.getResponseBody().get("detail").asText())
			.isEqualTo("JSON field '" + field + "' must not contain a NUL character");
		assertThat(postgres.count("select count(*) from asset")).isZero();
	}

}
