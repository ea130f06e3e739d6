package dev.leakpath.ingest.github;

import java.net.URI;
import java.time.Instant;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.ErrorBodies;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.RateLimitSnapshot;
import dev.leakpath.ingest.RetryableSourceException;
import dev.leakpath.ingest.SourceResilience;

import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Requests to the GitHub REST API, for the endpoints github-api has no classes for (secret scanning): GETs, and
 * the PATCH that triages an alert.
 * Every request carries the connector's credentials and goes through {@link SourceResilience}; errors
 * come out as {@link RetryableSourceException} or {@link PermanentSourceException}.
 */
final class GitHubClient {

	private final URI apiUrl;

	private final WebClient webClient;

	private final Supplier<Mono<String>> authorization;

	private final GitHubRateLimitPolicy rateLimits;

	private final SourceResilience resilience;

	private final ObjectMapper mapper;

	private final MeterRegistry meters;

	GitHubClient(URI apiUrl, WebClient webClient, Supplier<Mono<String>> authorization,
			GitHubRateLimitPolicy rateLimits, SourceResilience resilience, ObjectMapper mapper, MeterRegistry meters) {
		this.apiUrl = apiUrl;
		this.webClient = webClient;
		this.authorization = authorization;
		this.rateLimits = rateLimits;
		this.resilience = resilience;
		this.mapper = mapper;
		this.meters = meters;
	}

	/** GETs an absolute URL on the API host, conditionally when an ETag is given. */
	Mono<GitHubResponse> get(String url, String etag) {
		return send(HttpMethod.GET, url, etag, null);
	}

	/**
	 * PATCHes a JSON body to an absolute URL on the API host. Only a rate limit is tried again here: after a 5xx
	 * or a lost connection the change may have been made (see {@link SourceResilience#decorateWrite}).
	 */
	Mono<GitHubResponse> patch(String url, JsonNode body) {
		return send(HttpMethod.PATCH, url, null, body);
	}

	private Mono<GitHubResponse> send(HttpMethod method, String url, String etag, JsonNode body) {
		URI uri = URI.create(url);
		if (!onApiHost(url)) {
			return Mono.error(new IllegalStateException("Not following a link to " + uri.getHost()
					+ ": credentials go to the configured API host " + apiUrl.getHost() + " only"));
		}
		Mono<GitHubResponse> call = authorization.get()
			.flatMap(auth -> {
				WebClient.RequestBodySpec request = webClient.method(method).uri(uri).headers(headers -> {
					if (!auth.isEmpty()) {
						headers.set(HttpHeaders.AUTHORIZATION, auth);
					}
					if (etag != null) {
						headers.set(HttpHeaders.IF_NONE_MATCH, etag);
					}
				});
				WebClient.RequestHeadersSpec<?> sent = body == null ? request
						: request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
				return sent.exchangeToMono(response -> read(method, uri, response));
			})
			.onErrorMap(WebClientRequestException.class, ex -> new RetryableSourceException(
					"Could not reach GitHub at " + uri.getHost() + ": " + ex.getMostSpecificCause().getMessage(),
					null, ex));
		return method == HttpMethod.GET ? resilience.decorate(call) : resilience.decorateWrite(call);
	}

	/** Credentials go to the configured API host only, whatever a link header or a stored cursor says. */
	boolean onApiHost(String url) {
		URI target = URI.create(url);
		return apiUrl.getScheme().equalsIgnoreCase(target.getScheme()) && apiUrl.getHost().equalsIgnoreCase(target.getHost())
				&& apiUrl.getPort() == target.getPort();
	}

	private Mono<GitHubResponse> read(HttpMethod method, URI uri, ClientResponse response) {
		int status = response.statusCode().value();
		meters.counter("leakpath.github.requests", "status", String.valueOf(status)).increment();
		HttpHeaders headers = response.headers().asHttpHeaders();
		RateLimitSnapshot rateLimit = rateLimit(headers);
		if (status == 304) {
			return response.releaseBody()
				.thenReturn(new GitHubResponse(status, NullNode.getInstance(), headers.getETag(), null, rateLimit));
		}
		if (response.statusCode().is2xxSuccessful()) {
			return response.bodyToMono(JsonNode.class)
				// Jackson's message quotes the offending token, which can be a secret: say nothing of the content
				.onErrorMap(DecodingException.class,
						ex -> new RetryableSourceException(method + " " + uri.getPath() + " answered unreadable JSON", null,
								null))
				.defaultIfEmpty(NullNode.getInstance())
				.map(body -> new GitHubResponse(status, body, headers.getETag(),
						LinkHeader.next(headers.getFirst("link")), rateLimit));
		}
		return response.bodyToMono(String.class)
			.defaultIfEmpty("")
			.flatMap(body -> Mono.error(error(method + " " + uri.getPath(), status, headers, body)));
	}

	private RuntimeException error(String what, int status, HttpHeaders headers, String body) {
		var wait = rateLimits.waitFor(status, headers::getFirst, body);
		if (wait.isPresent()) {
			return new RetryableSourceException(
					"GitHub rate limit (" + status + ") on " + what + "; retry in " + wait.get().toSeconds() + "s",
					wait.get(), null);
		}
		String message = what + " answered " + status + ": " + ErrorBodies.message(mapper, body);
		if (status >= 500) {
			return new RetryableSourceException(message, null, null);
		}
		return new PermanentSourceException(status, message);
	}

	private static RateLimitSnapshot rateLimit(HttpHeaders headers) {
		try {
			String remaining = headers.getFirst("x-ratelimit-remaining");
			String reset = headers.getFirst("x-ratelimit-reset");
			return new RateLimitSnapshot(remaining == null ? null : Integer.valueOf(remaining.strip()),
					reset == null ? null : Instant.ofEpochSecond(Long.parseLong(reset.strip())));
		}
		catch (NumberFormatException ex) {
			return RateLimitSnapshot.UNKNOWN;
		}
	}

}
