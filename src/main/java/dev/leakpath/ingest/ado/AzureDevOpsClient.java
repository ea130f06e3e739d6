package dev.leakpath.ingest.ado;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.ErrorBodies;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.RateLimitSnapshot;
import dev.leakpath.ingest.RetryableSourceException;
import dev.leakpath.ingest.SourceResilience;

/**
 * Requests to Azure DevOps over one OkHttp client: GETs, and the PATCH that triages an alert. Calls are enqueued
 * on OkHttp's dispatcher and come back as a {@link Mono}, so nothing blocks a Netty thread; cancelling the Mono
 * cancels the call.
 */
final class AzureDevOpsClient {

	private static final MediaType JSON = MediaType.get("application/json");

	private final OkHttpClient http;

	private final ObjectMapper mapper;

	private final AzureDevOpsThrottle throttle;

	private final Map<String, SourceResilience> resilienceByHost;

	private final MeterRegistry meters;

	private final Duration rateLimitWait;

	AzureDevOpsClient(OkHttpClient http, ObjectMapper mapper, AzureDevOpsThrottle throttle,
			Map<String, SourceResilience> resilienceByHost, MeterRegistry meters, Duration rateLimitWait) {
		this.rateLimitWait = rateLimitWait;
		this.http = http;
		this.mapper = mapper;
		this.throttle = throttle;
		this.resilienceByHost = resilienceByHost;
		this.meters = meters;
	}

	Mono<AzureDevOpsResponse> get(HttpUrl url) {
		return send(new Request.Builder().url(url).header("Accept", "application/json").build(), false);
	}

	/**
	 * PATCHes a JSON body. Only a rate limit is tried again here: after a 5xx or a lost connection the change may
	 * have been made (see {@link SourceResilience#decorateWrite}).
	 */
	Mono<AzureDevOpsResponse> patch(HttpUrl url, JsonNode body) {
		RequestBody json = RequestBody.create(body.toString(), JSON);
		return send(new Request.Builder().url(url).header("Accept", "application/json").patch(json).build(), true);
	}

	private Mono<AzureDevOpsResponse> send(Request request, boolean write) {
		HttpUrl url = request.url();
		Mono<AzureDevOpsResponse> call = throttle.awaitTurn().then(Mono.create(sink -> {
			Call pending = http.newCall(request);
			sink.onCancel(pending::cancel);
			pending.enqueue(new Callback() {
				@Override
				public void onResponse(Call call, Response response) {
					try (response) {
						sink.success(read(request.method(), url, response));
					}
					catch (RuntimeException | IOException ex) {
						sink.error(ex instanceof IOException io ? connectionError(url, io) : ex);
					}
				}

				@Override
				public void onFailure(Call call, IOException ex) {
					sink.error(ex instanceof EntraRefusedException refused
							? new PermanentSourceException(401, refused.getMessage()) : connectionError(url, ex));
				}
			});
		}));
		SourceResilience resilience = resilienceByHost.get(url.host());
		return write ? resilience.decorateWrite(call) : resilience.decorate(call);
	}

	private AzureDevOpsResponse read(String method, HttpUrl url, Response response) throws IOException {
		int status = response.code();
		meters.counter("leakpath.azure_devops.requests", "status", String.valueOf(status)).increment();
		Duration retryAfter = seconds(response.header("Retry-After"));
		Integer remaining = integer(response.header("X-RateLimit-Remaining"));
		throttle.observe(retryAfter, remaining);
		String what = method + " " + url.encodedPath();
		String contentType = String.valueOf(response.header("Content-Type"));
		// a bad or expired PAT gets a 203 with the HTML sign-in page instead of a 401
		if (status == 203 || (response.isSuccessful() && !contentType.contains("json"))) {
			throw new PermanentSourceException(401, what + " answered with a sign-in page (" + status
					+ "): the PAT or token is not valid for this organisation");
		}
		String body = response.body().string();
		if (status == 429) {
			throw new RetryableSourceException(what + " answered 429: " + ErrorBodies.message(mapper, body),
					retryAfter != null ? retryAfter : rateLimitWait, null);
		}
		if (status >= 500) {
			throw new RetryableSourceException(what + " answered " + status + ": " + ErrorBodies.message(mapper, body), retryAfter,
					null);
		}
		if (!response.isSuccessful()) {
			throw new PermanentSourceException(status, what + " answered " + status + ": " + ErrorBodies.message(mapper, body));
		}
		try {
			return new AzureDevOpsResponse(mapper.readTree(body), response.header("x-ms-continuationtoken"),
					new RateLimitSnapshot(remaining, epochSeconds(response.header("X-RateLimit-Reset"))));
		}
		catch (JsonProcessingException ex) {
			// Jackson's message quotes the offending token, which can be alert content: say nothing of it
			throw new RetryableSourceException(what + " answered unreadable JSON", null, null);
		}
	}

	private static RetryableSourceException connectionError(HttpUrl url, IOException ex) {
		return new RetryableSourceException("Could not reach Azure DevOps at " + url.host() + ": " + ex.getMessage(),
				null, ex);
	}

	private static Duration seconds(String value) {
		try {
			return value == null ? null : Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Integer integer(String value) {
		try {
			return value == null ? null : Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Instant epochSeconds(String value) {
		try {
			return value == null ? null : Instant.ofEpochSecond(Long.parseLong(value.strip()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
