package dev.leakpath.ingest.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GitHubRateLimitPolicyTests {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	private static final Duration SECONDARY_WAIT = Duration.ofSeconds(60);

	private final GitHubRateLimitPolicy policy = new GitHubRateLimitPolicy(Clock.fixed(NOW, ZoneOffset.UTC),
			SECONDARY_WAIT);

	@Test
	void waitForWhenRetryAfterSecondsThenWaitsThatLong() {
		assertThat(policy.waitFor(429, Map.of("retry-after", "120")::get, null)).contains(Duration.ofSeconds(120));
	}

	@Test
	void waitForWhenRetryAfterHttpDateThenWaitsUntilThatDate() {
		Map<String, String> headers = Map.of("retry-after", "Sun, 01 Nov 2026 12:00:30 GMT");

		assertThat(policy.waitFor(403, headers::get, null)).contains(Duration.ofSeconds(30));
	}

	@Test
	void waitForWhenPrimaryLimitOn403ThenWaitsUntilResetPlusOneSecond() {
		Map<String, String> headers = Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset",
				String.valueOf(NOW.plusSeconds(90).getEpochSecond()));

		assertThat(policy.waitFor(403, headers::get, "API rate limit exceeded")).contains(Duration.ofSeconds(91));
	}

	@Test
	void waitForWhenPrimaryLimitOn429ThenWaitsUntilResetPlusOneSecond() {
		Map<String, String> headers = Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset",
				String.valueOf(NOW.plusSeconds(600).getEpochSecond()));

		assertThat(policy.waitFor(429, headers::get, null)).contains(Duration.ofSeconds(601));
	}

	@Test
	void waitForWhenResetAlreadyPastThenWaitsOneSecond() {
		Map<String, String> headers = Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset",
				String.valueOf(NOW.minusSeconds(30).getEpochSecond()));

		assertThat(policy.waitFor(403, headers::get, null)).contains(Duration.ofSeconds(1));
	}

	@Test
	void waitForWhen429WithoutHeadersThenWaitsSecondaryWait() {
		assertThat(policy.waitFor(429, Map.<String, String>of()::get, null)).contains(SECONDARY_WAIT);
	}

	@Test
	void waitForWhen403BodySaysSecondaryRateLimitThenWaitsSecondaryWait() {
		String body = "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}";

		assertThat(policy.waitFor(403, Map.<String, String>of()::get, body)).contains(SECONDARY_WAIT);
	}

	@Test
	void waitForWhenPlain403ThenIsNotARateLimit() {
		Map<String, String> headers = Map.of("x-ratelimit-remaining", "4999");
		String body = "{\"message\":\"Resource not accessible by integration\"}";

		assertThat(policy.waitFor(403, headers::get, body)).isEmpty();
	}

	@Test
	void waitForWhenStatusIsNot403Or429ThenIsNotARateLimit() {
		Map<String, String> headers = Map.of("retry-after", "120", "x-ratelimit-remaining", "0");

		assertThat(policy.waitFor(500, headers::get, "secondary rate limit")).isEmpty();
		assertThat(policy.waitFor(401, headers::get, null)).isEmpty();
		assertThat(policy.waitFor(200, headers::get, null)).isEmpty();
	}

}
