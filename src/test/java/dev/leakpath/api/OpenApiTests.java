package dev.leakpath.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document describes every endpoint, and its query parameters are the ones each accepts. */
class OpenApiTests extends IntegrationTest {

	private static final Pattern ALLOWED = Pattern.compile("allowed: \\[([^]]*)]");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	private JsonNode document;

	private JsonNode paths;

	@BeforeEach
	void document() {
		// springdoc builds the document on the first request: seconds on two cores
		document = web.mutate().responseTimeout(Duration.ofSeconds(60)).build().get().uri("/v3/api-docs").exchange()
			.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		paths = document.get("paths");
	}

	/** The parameter, or the one of {@code #/components/parameters} it refers to. */
	private JsonNode resolved(JsonNode parameter) {
		String ref = parameter.path("$ref").asText("");
		return ref.isEmpty() ? parameter : document.at(ref.substring(1));
	}

	@Test
	void everyEndpointIsDescribedWithAnIdAndASummary() {
		List<String> endpoints = new ArrayList<>(List.of("post /webhooks/github", "post /webhooks/azure-devops"));
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
			if (mapping.getValue().getBeanType().getPackageName().startsWith("dev.leakpath")) {
				for (String pattern : mapping.getKey().getDirectPaths().isEmpty()
						? mapping.getKey().getPatternsCondition().getPatterns().stream().map(Object::toString).toList()
						: List.copyOf(mapping.getKey().getDirectPaths())) {
					for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
						endpoints.add(method.name().toLowerCase() + " " + pattern);
					}
				}
			}
		}
		assertThat(endpoints).hasSizeGreaterThan(20);
		for (String endpoint : endpoints) {
			String[] parts = endpoint.split(" ");
			JsonNode operation = paths.path(parts[1]).path(parts[0]);
			assertThat(operation.isMissingNode()).as(endpoint + " is documented").isFalse();
			assertThat(operation.path("operationId").asText()).as(endpoint).matches("[a-z][A-Za-z]+");
			assertThat(operation.path("summary").asText()).as(endpoint).isNotBlank();
			List<String> names = new ArrayList<>();
			operation.path("parameters").forEach(parameter -> names.add(resolved(parameter).path("name").asText()));
			assertThat(names).as(endpoint).doesNotContain("parameters", "scope", "authentication");
		}
	}

	@Test
	void documentedQueryParametersAreExactlyThoseTheEndpointAccepts() {
		int checked = 0;
		for (Map.Entry<String, JsonNode> path : paths.properties()) {
			JsonNode get = path.getValue().path("get");
			List<String> documented = new ArrayList<>();
			get.path("parameters").forEach(reference -> {
				JsonNode parameter = resolved(reference);
				if (parameter.path("in").asText().equals("query")) {
					assertThat(parameter.path("schema").path("type").isMissingNode()).as(path.getKey() + " "
							+ parameter.path("name").asText() + " has a schema with a type").isFalse();
					documented.add(parameter.path("name").asText());
				}
			});
			if (documented.isEmpty()) {
				continue;
			}
			String uri = path.getKey().replaceAll("\\{[^}]+}", "1") + "?notAParameter=1";
			String detail = web.get().uri(uri).headers(headers -> headers.setBearerAuth(API_TOKEN)).exchange()
				.expectStatus().isBadRequest().expectBody(JsonNode.class).returnResult().getResponseBody()
				.path("detail").asText();
			Matcher allowed = ALLOWED.matcher(detail);
			assertThat(allowed.find()).as(uri + ": " + detail).isTrue();
			assertThat(new TreeSet<>(documented)).as(path.getKey())
				.isEqualTo(new TreeSet<>(List.of(allowed.group(1).split(", "))));
			checked++;
		}
		assertThat(checked).isGreaterThanOrEqualTo(8);
	}

	@Test
	void dashboardFilesAreNotApi() {
		assertThat(paths.has("/")).isFalse();
		assertThat(paths.has("/app/**")).isFalse();
		assertThat(paths.has("/index.html")).isFalse();
	}

	@Test
	void swaggerUiIsServed() {
		web.get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isOk();
	}

}
