package dev.leakpath.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SourceResilienceTests {

	private static final int SAMPLES = 200;

	private final RetrySettings settings = retry(Duration.ofSeconds(1), Duration.ofSeconds(60));

	@Test
	void backoffWhenAttemptsGrowThenDoublesWithinJitterRange() {
		for (int attempt = 1; attempt <= 6; attempt++) {
			long unjittered = 1000L << (attempt - 1);
			for (int i = 0; i < SAMPLES; i++) {
				assertThat(SourceResilience.backoff(attempt, settings).toMillis()).as("attempt %d", attempt)
					.isBetween(unjittered / 2, unjittered);
			}
		}
	}

	@Test
	void backoffWhenExponentialExceedsMaxThenStaysWithinMax() {
		for (int attempt : new int[] { 7, 10, 64, 1_000, Integer.MAX_VALUE }) {
			for (int i = 0; i < SAMPLES; i++) {
				assertThat(SourceResilience.backoff(attempt, settings).toMillis()).as("attempt %d", attempt)
					.isBetween(30_000L, 60_000L);
			}
		}
	}

	@Test
	void backoffWhenSampledRepeatedlyThenJitters() {
		Set<Duration> waits = new HashSet<>();
		for (int i = 0; i < SAMPLES; i++) {
			waits.add(SourceResilience.backoff(3, settings));
		}

		assertThat(waits).hasSizeGreaterThan(1);
	}

	@Test
	void backoffWhenJitterRoundsBelowOneMillisecondThenOneMillisecond() {
		RetrySettings subMillisecond = retry(Duration.ofNanos(100), Duration.ofMillis(1));
		RetrySettings oneMillisecond = retry(Duration.ofMillis(1), Duration.ofMillis(1));

		for (int i = 0; i < SAMPLES; i++) {
			assertThat(SourceResilience.backoff(1, subMillisecond)).isEqualTo(Duration.ofMillis(1));
			assertThat(SourceResilience.backoff(5, oneMillisecond)).isEqualTo(Duration.ofMillis(1));
		}
	}

	private static RetrySettings retry(Duration initialBackoff, Duration maxBackoff) {
		return new RetrySettings(/* maxAttempts */ 6, initialBackoff, maxBackoff,
				/* rateLimitWait */ Duration.ofSeconds(60), /* maxRateLimitWait */ Duration.ofHours(1));
	}

}
