package dev.leakpath.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Spring's own refusals (wrong media type, unreadable or wrongly typed JSON, a path parameter of the wrong type,
 * a method the path does not take) answer problem documents that say what to change in the API's terms, and
 * name no Java type or package.
 */
class FrameworkProblemTests extends IntegrationTest {

	private static final String JSON_TYPES = "application/json, application/*+json, application/x-ndjson";

	static Stream<Arguments> wrongContentType() {
		return Stream.of(Arguments.of(HttpMethod.PUT, "/api/v1/assets", "text/plain", "[]"),
				Arguments.of(HttpMethod.POST, "/api/v1/notifications/rules", "text/plain", "{}"),
				Arguments.of(HttpMethod.POST, "/api/v1/explorer/saved", "application/xml", "<query/>"),
				Arguments.of(HttpMethod.POST, "/api/v1/explorer/query", "text/csv", "a,b"));
	}

	@ParameterizedTest
	@MethodSource("wrongContentType")
	void bodyWhenContentTypeIsNotJsonThen415NamingTheTypesToSend(HttpMethod method, String uri, String type,
			String body) {
		EntityExchangeResult<String> result = send(method, uri, type, body).expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCEPT, JSON_TYPES)
			.expectBody(String.class)
			.returnResult();

		assertThat(detail(result)).isEqualTo("Content-Type " + type + " is not supported here; send " + JSON_TYPES);
		assertNamesNoJava(result);
	}

	static Stream<Arguments> unreadableBody() {
		return Stream.of(
				Arguments.of(HttpMethod.PUT, "/api/v1/assets", "[{\"cloud\": ",
						"the request body is not valid JSON: it ends before its last value is closed"),
				Arguments.of(HttpMethod.POST, "/api/v1/notifications/rules", "{\"name\": \"r\",}",
						"the request body is not valid JSON (line 1, column 14)"),
				Arguments.of(HttpMethod.POST, "/api/v1/explorer/query", "{nope}",
						"the request body is not valid JSON (line 1, column 2)"),
				Arguments.of(HttpMethod.PUT, "/api/v1/assets", "{\"cloud\": \"azure\"}",
						"the request body must be an array"),
				Arguments.of(HttpMethod.PUT, "/api/v1/assets", "[{\"cloud\": \"azure\", \"hosts\": \"st.example.com\"}]",
						"JSON field '/0/hosts' must be an array"),
				Arguments.of(HttpMethod.PUT, "/api/v1/assets", "[{}, {\"internetExposed\": \"maybe\"}]",
						"JSON field '/1/internetExposed' must be true or false"),
				Arguments.of(HttpMethod.PUT, "/api/v1/assets", "[{\"tags\": [\"env\"]}]",
						"JSON field '/0/tags' must be an object"),
				Arguments.of(HttpMethod.POST, "/api/v1/notifications/rules", "{\"name\": [\"r\"]}",
						"JSON field '/name' must be a string"),
				Arguments.of(HttpMethod.POST, "/api/v1/notifications/rules", "{\"name\": \"r\", \"channels\": \"email\"}",
						"JSON field '/channels' must be an array"),
				Arguments.of(HttpMethod.POST, "/api/v1/explorer/saved", "{\"name\": {\"a\": 1}}",
						"JSON field '/name' must be a string"),
				Arguments.of(HttpMethod.PUT, "/api/v1/assets", "", "the request needs a body"));
	}

	@ParameterizedTest
	@MethodSource("unreadableBody")
	void bodyWhenUnreadableThen400NamingWhere(HttpMethod method, String uri, String body, String detail) {
		EntityExchangeResult<String> result = send(method, uri, MediaType.APPLICATION_JSON_VALUE, body).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult();

		assertThat(detail(result)).isEqualTo(detail);
		assertNamesNoJava(result);
	}

	static Stream<Arguments> wrongPathParameter() {
		return Stream.of(Arguments.of(HttpMethod.GET, "/api/v1/explorer/saved/first"),
				Arguments.of(HttpMethod.DELETE, "/api/v1/explorer/saved/first"),
				Arguments.of(HttpMethod.POST, "/api/v1/webhooks/deliveries/first/retry"));
	}

	@ParameterizedTest
	@MethodSource("wrongPathParameter")
	void pathWhenIdIsNotANumberThen400NamingTheParameter(HttpMethod method, String uri) {
		EntityExchangeResult<String> result = send(method, uri, null, null).expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.returnResult();

		assertThat(detail(result)).isEqualTo("path parameter 'id' must be a whole number");
		assertNamesNoJava(result);
	}

	@Test
	void methodWhenPathDoesNotTakeItThen405NamingTheAllowedOnes() {
		EntityExchangeResult<String> result = send(HttpMethod.DELETE, "/api/v1/assets", null, null).expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.ALLOW, "GET,PUT")
			.expectBody(String.class)
			.returnResult();

		assertThat(detail(result)).isEqualTo("method DELETE is not allowed here; allowed: GET, PUT");
		assertNamesNoJava(result);
	}

	@Test
	void acceptWhenNoAnswerTypeMatchesThen406NamingTheTypesAnswered() {
		EntityExchangeResult<String> result = web.get()
			.uri("/api/v1/explorer/templates")
			.headers(headers -> headers.setBearerAuth(API_TOKEN))
			.accept(MediaType.APPLICATION_XML)
			.exchange()
			.expectStatus()
			.isEqualTo(406)
			.expectBody(String.class)
			.returnResult();

		assertThat(detail(result)).startsWith("this call answers only application/json");
		assertNamesNoJava(result);
	}

	private WebTestClient.ResponseSpec send(HttpMethod method, String uri, String contentType, String body) {
		WebTestClient.RequestBodySpec request = web.method(method).uri(uri).headers(headers -> headers.setBearerAuth(API_TOKEN));
		if (body == null) {
			return request.exchange();
		}
		return request.contentType(MediaType.parseMediaType(contentType)).bodyValue(body).exchange();
	}

	private static String detail(EntityExchangeResult<String> result) {
		String body = result.getResponseBody();
		int start = body.indexOf("\"detail\":\"") + "\"detail\":\"".length();
		return body.substring(start, body.indexOf('"', start));
	}

	/** Neither a package nor one of the classes a body is read into. */
	private static void assertNamesNoJava(EntityExchangeResult<String> result) {
		assertThat(result.getResponseBody()).doesNotContain("java.", "dev.leakpath", "com.fasterxml", "springframework",
				"bodyType", "AssetInput", "NotificationRule", "SaveRequest", "JsonNode", "ArrayList", "Boolean",
				"LinkedHashMap", "String");
	}

}
