package dev.leakpath.ingest.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.leakpath.ingest.RateLimitSnapshot;

/**
 * Reads GitHub's rate-limit signals on a 403 or 429. GitHub uses 403 for both rate limits and missing
 * permissions, so a 403 counts as a limit only when its headers or body say so.
 */
final class GitHubRateLimitPolicy {

	private final Clock clock;

	private final Duration secondaryRateLimitWait;

	GitHubRateLimitPolicy(Clock clock, Duration secondaryRateLimitWait) {
		this.clock = clock;
		this.secondaryRateLimitWait = secondaryRateLimitWait;
	}

	/**
	 * The wait before trying again, or empty when the response is not a rate limit.
	 * @param headers looks a response header up by name, null when absent
	 */
	Optional<Duration> waitFor(int status, Function<String, String> headers, String body) {
		if (status != 403 && status != 429) {
			return Optional.empty();
		}
		Optional<Duration> retryAfter = parseRetryAfter(headers.apply("retry-after"));
		if (retryAfter.isPresent()) {
			return retryAfter;
		}
		if ("0".equals(headers.apply("x-ratelimit-remaining"))) {
			return Optional.of(untilReset(headers.apply("x-ratelimit-reset")));
		}
		boolean secondary = body != null && body.toLowerCase(Locale.ROOT).contains("secondary rate limit");
		if (status == 429 || secondary || headers.apply("gh-limited-by") != null) {
			return Optional.of(secondaryRateLimitWait);
		}
		return Optional.empty();
	}

	/** The wait after a GraphQL {@code RATE_LIMITED} error: until the reset its headers gave, if they did. */
	Duration waitFor(RateLimitSnapshot rateLimit) {
		if (rateLimit.resetAt() == null) {
			return secondaryRateLimitWait;
		}
		return positive(Duration.between(clock.instant(), rateLimit.resetAt())).plusSeconds(1);
	}

	private Optional<Duration> parseRetryAfter(String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				return Optional.of(positive(Duration.between(clock.instant(), at)));
			}
			catch (RuntimeException notADate) {
				return Optional.empty();
			}
		}
	}

	private Duration untilReset(String reset) {
		try {
			Instant at = Instant.ofEpochSecond(Long.parseLong(reset.strip()));
			// one second of slack: the reset instant is rounded down to whole seconds
			return positive(Duration.between(clock.instant(), at)).plusSeconds(1);
		}
		catch (RuntimeException ex) {
			return secondaryRateLimitWait;
		}
	}

	private static Duration positive(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
