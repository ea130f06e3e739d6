package dev.leakpath.asset.azure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.RetryableSourceException;
import dev.leakpath.ingest.SourceResilience;

import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Azure Resource Graph over WebClient: a client-credentials token for Resource Manager (kept until a minute
 * before it expires) and {@code POST /providers/Microsoft.ResourceGraph/resources}, one page per call. Every
 * request is cut off after {@code timeout} and goes through its host's {@link SourceResilience}, so throttling,
 * 5xx, connection errors and timeouts are retried and a refused credential is not.
 */
final class ResourceGraphClient {

	private static final String API_VERSION = "2022-10-01";

	private static final String SCOPE = "https://management.azure.com/.default";

	private final WebClient web;

	private final ResourceGraphProperties properties;

	private final SourceResilience pages;

	private final Mono<String> token;

	/**
	 * @param tokens around calls to the token endpoint's host
	 * @param pages around calls to Resource Manager
	 */
	ResourceGraphClient(WebClient web, ResourceGraphProperties properties, SourceResilience tokens,
			SourceResilience pages) {
		this.web = web;
		this.properties = properties;
		this.pages = pages;
		this.token = tokens.decorate(requestToken())
			.cache(issued -> issued.lifetime().minusMinutes(1), error -> Duration.ZERO, () -> Duration.ZERO)
			.map(Token::value);
	}

	/** One page of the query; {@code skipToken} is null for the first. */
	Mono<ResourceGraphPage> page(String query, String skipToken) {
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
		return token.flatMap(bearer -> pages.decorate(exchange("Resource Graph", web.post()
			.uri(properties.managementUrl() + "/providers/Microsoft.ResourceGraph/resources?api-version=" + API_VERSION)
			.headers(headers -> headers.setBearerAuth(bearer))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body), ResourceGraphPage::of)));
	}

	private Mono<Token> requestToken() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", properties.clientId());
		form.add("client_secret", properties.clientSecret());
		form.add("scope", SCOPE);
		return exchange("Entra", web.post()
			.uri(properties.tenantTokenUrl())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form)), (body, headers) -> {
				String value = body.path("access_token").asText(null);
				if (value == null) {
					throw new IllegalStateException("Entra answered without an access_token");
				}
				return new Token(value, Duration.ofSeconds(Math.max(60, body.path("expires_in").asLong(3600))));
			})
			.onErrorMap(PermanentSourceException.class, ex -> new PermanentSourceException(ex.status(),
					"Entra refused a token for Resource Manager (" + ex.getMessage() + "): check "
							+ "leakpath.assets.resource-graph.tenant-id, client-id and client-secret"));
	}

	/**
	 * One attempt of a request to {@code service}: its JSON answer read by {@code read}, any other outcome as
	 * the exception {@link SourceResilience} sorts into retried or not.
	 */
	private <T> Mono<T> exchange(String service, WebClient.RequestHeadersSpec<?> request,
			BiFunction<JsonNode, HttpHeaders, T> read) {
		return request.exchangeToMono(response -> {
			HttpHeaders headers = response.headers().asHttpHeaders();
			if (response.statusCode().is2xxSuccessful()) {
				return response.bodyToMono(JsonNode.class)
					// Jackson's message quotes the offending text, which may hold a token: name nothing of it
					.onErrorMap(DecodingException.class,
							ex -> new RetryableSourceException(service + " answered unreadable JSON", null, null))
					// an empty page taken as the listing would delete the inventory
					.switchIfEmpty(Mono.error(() -> new RetryableSourceException(service + " answered no body", null,
							null)))
					.map(body -> read.apply(body, headers));
			}
			// the error body names the problem, but a message must not carry the request (the client secret)
			return response.bodyToMono(String.class).defaultIfEmpty("").flatMap(body -> Mono.error(ResourceGraphErrors
				.of(service, response.statusCode().value(), headers, body, properties.retry().rateLimitWait())));
		})
			.timeout(properties.timeout(), Mono.error(() -> new RetryableSourceException(
					service + " did not answer within " + properties.timeout(), null, null)))
			.onErrorMap(WebClientRequestException.class, ex -> new RetryableSourceException(
					"Could not reach " + service + " at " + ex.getUri().getHost() + ": "
							+ ex.getMostSpecificCause().getMessage(), null, ex));
	}

	private record Token(String value, Duration lifetime) {

		@Override
		public String toString() {
			return "Token[redacted, " + lifetime + "]";
		}

	}

}
