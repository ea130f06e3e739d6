package dev.leakpath.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

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

	@Test
	void decorateWriteWhenTheProviderAnswers5xxThenTheWriteIsNotSentAgain() {
		AtomicInteger sent = new AtomicInteger();
		Mono<String> write = Mono.defer(() -> {
			sent.incrementAndGet();
			return Mono.error(new RetryableSourceException("PATCH answered 503", null, null));
		});

		StepVerifier.create(resilience("write-5xx").decorateWrite(write))
			.expectError(RetryableSourceException.class)
			.verify(Duration.ofSeconds(5));

		assertThat(sent).hasValue(1);
	}

	@Test
	void decorateWriteWhenRateLimitedThenWaitsAndSendsAgain() {
		AtomicInteger sent = new AtomicInteger();
		Mono<String> write = Mono.defer(() -> sent.incrementAndGet() == 1
				? Mono.error(new RetryableSourceException("rate limit", Duration.ofMillis(20), null)) : Mono.just("ok"));

		StepVerifier.create(resilience("write-limit").decorateWrite(write)).expectNext("ok").verifyComplete();

		assertThat(sent).hasValue(2);
	}

	@Test
	void decorateWhenTheProviderAnswers5xxThenTheReadIsSentAgain() {
		AtomicInteger sent = new AtomicInteger();
		Mono<String> read = Mono.defer(() -> sent.incrementAndGet() == 1
				? Mono.error(new RetryableSourceException("GET answered 503", null, null)) : Mono.just("ok"));

		StepVerifier.create(resilience("read-5xx").decorate(read)).expectNext("ok").verifyComplete();

		assertThat(sent).hasValue(2);
	}

	private static SourceResilience resilience(String host) {
		return new SourceResilience("test", host, retry(Duration.ofMillis(1), Duration.ofMillis(5)),
				RetryRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults());
	}

	private static RetrySettings retry(Duration initialBackoff, Duration maxBackoff) {
		return new RetrySettings(/* maxAttempts */ 6, initialBackoff, maxBackoff,
				/* rateLimitWait */ Duration.ofSeconds(60), /* maxRateLimitWait */ Duration.ofHours(1));
	}

}
