package dev.leakpath.asset;

import java.time.Duration;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.RetryableSourceException;
import dev.leakpath.ingest.SourceResilience;

import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * One attempt of a request to a cloud inventory API that answers JSON (Resource Graph, Cloud Asset Inventory,
 * their token endpoints): the answer read by a reader, any other outcome as the exception
 * {@link SourceResilience} sorts into retried or not. Cut off after {@code timeout}. No message names the
 * request or quotes the answer's text: either may hold a credential.
 */
public final class JsonExchange {

	/** A provider's error answer as the exception to raise. */
	@FunctionalInterface
	public interface Errors {

		RuntimeException of(String service, int status, HttpHeaders headers, String body, Duration rateLimitWait);

	}

	private final Duration timeout;

	private final Duration rateLimitWait;

	private final Errors errors;

	/** @param rateLimitWait how long to wait on a rate limit whose answer names no time */
	public JsonExchange(Duration timeout, Duration rateLimitWait, Errors errors) {
		this.timeout = timeout;
		this.rateLimitWait = rateLimitWait;
		this.errors = errors;
	}

	public <T> Mono<T> exchange(String service, WebClient.RequestHeadersSpec<?> request,
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
			return response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.flatMap(body -> Mono.error(errors.of(service, response.statusCode().value(), headers, body,
						rateLimitWait)));
		})
			.timeout(timeout, Mono.error(
					() -> new RetryableSourceException(service + " did not answer within " + timeout, null, null)))
			.onErrorMap(WebClientRequestException.class, ex -> new RetryableSourceException(
					"Could not reach " + service + " at " + ex.getUri().getHost() + ": "
							+ ex.getMostSpecificCause().getMessage(), null, ex));
	}

	/** An OAuth 2.0 token answer's {@code access_token}, kept for its {@code expires_in} (an hour if absent). */
	public static AccessToken accessToken(String issuer, JsonNode body) {
		String value = body.path("access_token").asText(null);
		if (value == null) {
			throw new IllegalStateException(issuer + " answered without an access_token");
		}
		return new AccessToken(value, Duration.ofSeconds(Math.max(60, body.path("expires_in").asLong(3600))));
	}

	/** A bearer token and how long it is good for. */
	public record AccessToken(String value, Duration lifetime) {

		@Override
		public String toString() {
			return "AccessToken[redacted, " + lifetime + "]";
		}

	}

}
