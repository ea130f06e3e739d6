package dev.leakpath.ingest.github;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Requests to the GitHub REST API, for the endpoints github-api has no classes for (secret scanning: GETs, and
 * the PATCH that triages an alert), and queries to its GraphQL API.
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
		return exchange(HttpMethod.GET, url, etag, null, Call.READ);
	}

	/**
	 * PATCHes a JSON body to an absolute URL on the API host. Only a rate limit is tried again here: after a 5xx
	 * or a lost connection the change may have been made (see {@link SourceResilience#decorateWrite}).
	 */
	Mono<GitHubResponse> patch(String url, JsonNode body) {
		return exchange(HttpMethod.PATCH, url, null, body, Call.AUTHENTICATED_WRITE);
	}

	/**
	 * POSTs secrets to revoke ({@code credentials/revoke}), without credentials where GitHub asks for none
	 * (github.com answers an authenticated request 403). Tried again only after a rate limit, like a PATCH; an
	 * error never quotes GitHub's answer, which could echo a secret sent.
	 */
	Mono<GitHubResponse> postRevocation(String url, JsonNode body, boolean authenticated) {
		return exchange(HttpMethod.POST, url, null, body,
				authenticated ? Call.AUTHENTICATED_REVOCATION : Call.UNAUTHENTICATED_REVOCATION);
	}

	/** How a request is sent: with credentials or not, retried as a read or as a write, its error body quoted. */
	private enum Call {

		READ(true, false), AUTHENTICATED_WRITE(true, true), AUTHENTICATED_REVOCATION(true, true),
		UNAUTHENTICATED_REVOCATION(false, true);

		private final boolean credentials;

		private final boolean write;

		Call(boolean credentials, boolean write) {
			this.credentials = credentials;
			this.write = write;
		}

		boolean revocation() {
			return this == AUTHENTICATED_REVOCATION || this == UNAUTHENTICATED_REVOCATION;
		}

	}

	/**
	 * Runs a GraphQL query ({@code POST /graphql}, or {@code /api/graphql} on GHES) and answers its whole body:
	 * {@code data} and any {@code errors} of single fields, which the caller reads. GitHub answers a spent
	 * GraphQL budget with 200 or 403 and an error of type {@code RATE_LIMITED}: a retryable error here, waiting
	 * for the reset the headers give.
	 */
	Mono<JsonNode> graphQl(String query, JsonNode variables) {
		ObjectNode body = mapper.createObjectNode().put("query", query);
		body.set("variables", variables);
		return exchange(HttpMethod.POST, graphQlUrl(), null, body, Call.READ).flatMap(response -> {
			if (!response.body().has("data") || response.body().get("data").isNull()) {
				String message = response.body().path("errors").path(0).path("message").asText("");
				return Mono.error(new PermanentSourceException(response.status(), "POST /graphql answered no data: "
						+ message.substring(0, Math.min(200, message.length()))));
			}
			return Mono.just(response.body());
		});
	}

	/** {@code https://api.github.com/graphql}; {@code https://HOST/api/graphql} beside GHES's {@code /api/v3}. */
	private String graphQlUrl() {
		String root = apiUrl.toString().replaceAll("/+$", "");
		return root.endsWith("/api/v3") ? root.substring(0, root.length() - "/v3".length()) + "/graphql"
				: root + "/graphql";
	}

	private Mono<GitHubResponse> exchange(HttpMethod method, String url, String etag, JsonNode body, Call kind) {
		URI uri = URI.create(url);
		if (!onApiHost(url)) {
			return Mono.error(new IllegalStateException("Not following a link to " + uri.getHost()
					+ ": credentials go to the configured API host " + apiUrl.getHost() + " only"));
		}
		Mono<String> credentials = kind.credentials ? authorization.get() : Mono.just("");
		Mono<GitHubResponse> call = credentials
			.flatMap(auth -> {
				WebClient.RequestBodySpec request = webClient.method(method).uri(uri).headers(headers -> {
					if (!auth.isEmpty()) {
						headers.set(HttpHeaders.AUTHORIZATION, auth);
					}
					if (etag != null) {
						headers.set(HttpHeaders.IF_NONE_MATCH, etag);
					}
				});
				if (body != null) {
					request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
				}
				return request.exchangeToMono(response -> read(method, uri, response, kind));
			})
			.onErrorMap(WebClientRequestException.class, ex -> new RetryableSourceException(
					"Could not reach GitHub at " + uri.getHost() + ": " + ex.getMostSpecificCause().getMessage(),
					null, ex));
		// a GraphQL query is a read sent as POST
		return kind.write ? resilience.decorateWrite(call) : resilience.decorate(call);
	}

	/** Credentials go to the configured API host only, whatever a link header or a stored cursor says. */
	boolean onApiHost(String url) {
		URI target = URI.create(url);
		return apiUrl.getScheme().equalsIgnoreCase(target.getScheme()) && apiUrl.getHost().equalsIgnoreCase(target.getHost())
				&& apiUrl.getPort() == target.getPort();
	}

	private Mono<GitHubResponse> read(HttpMethod method, URI uri, ClientResponse response, Call kind) {
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
						ex -> new RetryableSourceException(method + " " + uri.getPath() + " answered unreadable JSON", null, null))
				.defaultIfEmpty(NullNode.getInstance())
				// only a GraphQL answer reports its spent budget in a 200 body
				.flatMap(body -> method == HttpMethod.POST && !kind.revocation() && graphQlRateLimited(body)
					? Mono.error(graphQlRateLimit(rateLimit))
					: Mono.just(new GitHubResponse(status, body, headers.getETag(),
							LinkHeader.next(headers.getFirst("link")), rateLimit)));
		}
		return response.bodyToMono(String.class)
			.defaultIfEmpty("")
			.flatMap(body -> Mono.error(error(method + " " + uri.getPath(), status, headers, body, kind.revocation())));
	}

	private static boolean graphQlRateLimited(JsonNode body) {
		for (JsonNode error : body.path("errors")) {
			if ("RATE_LIMITED".equals(error.path("type").asText())) {
				return true;
			}
		}
		return false;
	}

	/** Retried after the wait by {@link SourceResilience}, like a REST rate limit. */
	private RetryableSourceException graphQlRateLimit(RateLimitSnapshot rateLimit) {
		Duration wait = rateLimits.waitFor(rateLimit);
		return new RetryableSourceException("GitHub GraphQL rate limit; retry in " + wait.toSeconds() + "s", wait, null);
	}

	private RuntimeException error(String what, int status, HttpHeaders headers, String body, boolean unquoted) {
		if (!unquoted && body.contains("\"RATE_LIMITED\"")) {
			return graphQlRateLimit(rateLimit(headers));
		}
		var wait = rateLimits.waitFor(status, headers::getFirst, body);
		if (wait.isPresent()) {
			return new RetryableSourceException(
					"GitHub rate limit (" + status + ") on " + what + "; retry in " + wait.get().toSeconds() + "s",
					wait.get(), null);
		}
		String message = what + " answered " + status + (unquoted ? "" : ": " + ErrorBodies.message(mapper, body));
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
