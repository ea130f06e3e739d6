package dev.leakpath.asset.azure;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.RetryableSourceException;

import org.springframework.http.HttpHeaders;

/**
 * Turns an error answer of Entra or Resource Graph into the connectors' taxonomy: 429 waits for the time the
 * answer names, 408 and 5xx are retried with back-off, any other status (a refused credential, a missing
 * permission, a bad query) fails at once.
 */
final class ResourceGraphErrors {

	private static final ObjectMapper JSON = new ObjectMapper();

	private ResourceGraphErrors() {
	}

	/**
	 * @param service who answered: "Entra" or "Resource Graph"
	 * @param rateLimitWait the wait after a 429 that names none
	 */
	static RuntimeException of(String service, int status, HttpHeaders headers, String body, Duration rateLimitWait) {
		String message = service + " answered " + status + errorCode(body).map(code -> ": " + code).orElse("");
		if (status == 429) {
			Duration wait = throttleWait(headers, rateLimitWait);
			return new RetryableSourceException(message + "; retry in " + wait.toMillis() + " ms", wait, null);
		}
		if (status == 408 || status >= 500) {
			return new RetryableSourceException(message, null, null);
		}
		return new PermanentSourceException(status, message);
	}

	/**
	 * Resource Manager's {@code Retry-After} (seconds) when present, else Resource Graph's own
	 * {@code x-ms-user-quota-resets-after} ({@code hh:mm:ss}: when the user's query quota is full again).
	 */
	static Duration throttleWait(HttpHeaders headers, Duration fallback) {
		String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (retryAfter != null && retryAfter.strip().matches("\\d{1,9}")) {
			return Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
		}
		String resetsAfter = headers.getFirst("x-ms-user-quota-resets-after");
		if (resetsAfter != null) {
			try {
				return Duration.ofNanos(LocalTime.parse(resetsAfter.strip()).toNanoOfDay());
			}
			catch (DateTimeParseException unreadable) {
				return fallback;
			}
		}
		return fallback;
	}

	/**
	 * Only the error's code ({@code {"error": {"code": ...}}} from Resource Manager, {@code {"error": "invalid_client"}}
	 * from Entra): the rest of an error body may quote the request.
	 */
	private static Optional<String> errorCode(String body) {
		try {
			JsonNode error = JSON.readTree(body).path("error");
			String code = error.isTextual() ? error.asText() : error.path("code").asText("");
			return code.isBlank() || code.length() > 100 ? Optional.empty() : Optional.of(code);
		}
		catch (JsonProcessingException | IllegalArgumentException notJson) {
			return Optional.empty();
		}
	}

}
