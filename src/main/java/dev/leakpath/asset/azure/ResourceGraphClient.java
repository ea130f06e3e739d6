package dev.leakpath.asset.azure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Azure Resource Graph over WebClient: a client-credentials token for Resource Manager (kept until a minute
 * before it expires) and {@code POST /providers/Microsoft.ResourceGraph/resources}, one page per call.
 */
final class ResourceGraphClient {

	private static final String API_VERSION = "2022-10-01";

	private static final String SCOPE = "https://management.azure.com/.default";

	private final WebClient web;

	private final ResourceGraphProperties properties;

	private final Mono<String> token;

	ResourceGraphClient(WebClient web, ResourceGraphProperties properties) {
		this.web = web;
		this.properties = properties;
		this.token = requestToken().cache(issued -> issued.lifetime().minusMinutes(1), error -> Duration.ZERO,
				() -> Duration.ZERO).map(Token::value);
	}

	/** One page of the query; {@code skipToken} is null for the first. */
	Mono<JsonNode> page(String query, String skipToken) {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("$top", properties.pageSize());
		options.put("resultFormat", "objectArray");
		if (skipToken != null) {
			options.put("$skipToken", skipToken);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		if (!properties.subscriptions().isEmpty()) {
			body.put("subscriptions", properties.subscriptions());
		}
		body.put("query", query);
		body.put("options", options);
		return token.flatMap(bearer -> web.post()
			.uri(properties.managementUrl() + "/providers/Microsoft.ResourceGraph/resources?api-version=" + API_VERSION)
			.headers(headers -> headers.setBearerAuth(bearer))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.retrieve()
			.bodyToMono(JsonNode.class))
			.onErrorMap(WebClientResponseException.class, ex -> new IllegalStateException(
					"Resource Graph answered " + ex.getStatusCode().value()));
	}

	private Mono<Token> requestToken() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", properties.clientId());
		form.add("client_secret", properties.clientSecret());
		form.add("scope", SCOPE);
		return web.post()
			.uri(properties.tokenUrl().replace("{tenant}", String.valueOf(properties.tenantId())))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.retrieve()
			.bodyToMono(JsonNode.class)
			// the error body names the problem (AADSTS codes) but the message must not carry the request
			.onErrorMap(WebClientResponseException.class, ex -> new IllegalStateException(
					"Entra refused a token for Resource Manager (" + ex.getStatusCode().value() + ")"))
			.map(body -> {
				String value = body.path("access_token").asText(null);
				if (value == null) {
					throw new IllegalStateException("Entra answered without an access_token");
				}
				return new Token(value, Duration.ofSeconds(Math.max(60, body.path("expires_in").asLong(3600))));
			});
	}

	private record Token(String value, Duration lifetime) {

		@Override
		public String toString() {
			return "Token[redacted, " + lifetime + "]";
		}

	}

}
