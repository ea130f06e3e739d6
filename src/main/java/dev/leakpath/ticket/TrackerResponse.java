package dev.leakpath.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/** A tracker's answer, whatever its status; its body as JSON (a missing node when it had none or no JSON). */
record TrackerResponse(int status, HttpHeaders headers, JsonNode body) {

	boolean ok() {
		return status >= 200 && status < 300;
	}

	String header(String name) {
		return headers.getFirst(name);
	}

	/** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
	Duration retryAfter(Clock clock) {
		String value = header(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(clock.instant(), at);
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (RuntimeException notADate) {
				return null;
			}
		}
	}

}
