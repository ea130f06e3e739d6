package dev.leakpath.asset.gcp;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.RetryableSourceException;

import org.springframework.http.HttpHeaders;

/**
 * Turns an error answer of Google's token endpoint or the Cloud Asset API into the connectors' taxonomy: 429
 * ({@code RESOURCE_EXHAUSTED}) waits for {@code Retry-After} or the configured wait, 408 and 5xx are retried with
 * back-off, any other status (a refused assertion, {@code PERMISSION_DENIED}, a bad scope) fails at once. Google's
 * errors are {@code {"error": {"code", "message", "status"}}} ("Errors", cloud.google.com/apis/design/errors) and
 * the token endpoint's {@code {"error": "invalid_grant", "error_description"}} (RFC 6749 section 5.2).
 */
final class CloudAssetErrors {

	private static final ObjectMapper JSON = new ObjectMapper();

	private CloudAssetErrors() {
	}

	static RuntimeException of(String service, int status, HttpHeaders headers, String body, Duration rateLimitWait) {
		String message = service + " answered " + status + errorStatus(body).map(code -> ": " + code).orElse("");
		if (status == 429) {
			Duration wait = retryAfter(headers).orElse(rateLimitWait);
			return new RetryableSourceException(message + "; retry in " + wait.toMillis() + " ms", wait, null);
		}
		if (status == 408 || status >= 500) {
			return new RetryableSourceException(message, null, null);
		}
		return new PermanentSourceException(status, message);
	}

	private static Optional<Duration> retryAfter(HttpHeaders headers) {
		String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
		return retryAfter != null && retryAfter.strip().matches("\\d{1,9}")
				? Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.strip()))) : Optional.empty();
	}

	/** Only the status name ({@code PERMISSION_DENIED}, {@code invalid_grant}): a message may quote the request. */
	private static Optional<String> errorStatus(String body) {
		try {
			JsonNode error = JSON.readTree(body).path("error");
			String code = error.isTextual() ? error.asText() : error.path("status").asText("");
			return code.isBlank() || code.length() > 100 ? Optional.empty() : Optional.of(code);
		}
		catch (JsonProcessingException | IllegalArgumentException notJson) {
			return Optional.empty();
		}
	}

}
