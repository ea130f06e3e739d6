package dev.leakpath.ingest;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import reactor.core.publisher.Mono;

/**
 * Retry and circuit breaker around every call to one provider host. Rate limits wait for the time the
 * provider names; 5xx and connection errors back off exponentially with jitter. Only a call whose retries all
 * ended in 5xx or connection errors counts against the breaker: a rate limit is the provider working as
 * designed.
 */
public final class SourceResilience {

	private final Retry retry;

	private final Retry writeRetry;

	private final CircuitBreaker circuitBreaker;

	private final RateLimiter rateLimiter;

	/**
	 * @param provider names the Resilience4j configuration ({@code resilience4j.circuitbreaker.configs.<provider>})
	 * @param host the API host; each host gets its own breaker, and its own rate limiter when
	 * {@code resilience4j.ratelimiter.configs.<provider>} exists
	 */
	public SourceResilience(String provider, String host, RetrySettings settings, RetryRegistry retries,
			CircuitBreakerRegistry breakers, RateLimiterRegistry limiters) {
		String name = provider + ":" + host;
		this.retry = retries.retry(name, retryConfig(settings, false));
		this.writeRetry = retries.retry(name + ":write", retryConfig(settings, true));
		CircuitBreakerConfig base = breakers.getConfiguration(provider).orElse(breakers.getDefaultConfig());
		this.circuitBreaker = breakers.circuitBreaker(name, CircuitBreakerConfig.from(base)
			.recordException(SourceResilience::isOutage)
			.ignoreExceptions()
			.build());
		this.rateLimiter = limiters.getConfiguration(provider).map(config -> limiters.rateLimiter(name, config)).orElse(null);
	}

	/**
	 * The breaker sees each call once, with the outcome after its retries: a provider failing one request in five
	 * is ridden out by the retries and never opens it (counted per attempt, such a rate opened a window of 20
	 * often enough to end a long pass); a provider that is down fails every retried call and opens it.
	 */
	public <T> Mono<T> decorate(Mono<T> call) {
		return decorate(call, retry);
	}

	/**
	 * As {@link #decorate}, but for a call that changes something: only a rate limit is tried again here, since the
	 * provider refused that request unread. After a 5xx or a lost connection the change may have been made, and
	 * sending it again is not always harmless (GitHub refuses a resolution that does not change): the caller
	 * decides, after reading what the provider has.
	 */
	public <T> Mono<T> decorateWrite(Mono<T> call) {
		return decorate(call, writeRetry);
	}

	private <T> Mono<T> decorate(Mono<T> call, Retry attempts) {
		Mono<T> limited = rateLimiter == null ? call : call.transformDeferred(RateLimiterOperator.of(rateLimiter));
		return limited.transformDeferred(RetryOperator.of(attempts))
			.transformDeferred(CircuitBreakerOperator.of(circuitBreaker));
	}

	private static RetryConfig retryConfig(RetrySettings settings, boolean rateLimitsOnly) {
		IntervalBiFunction<Object> interval = (attempt, outcome) -> {
			if (outcome.isLeft() && outcome.getLeft() instanceof RetryableSourceException retryable
					&& retryable.retryAfter() != null) {
				return Math.max(1, retryable.retryAfter().toMillis());
			}
			return backoff(attempt, settings).toMillis();
		};
		return RetryConfig.custom()
			.maxAttempts(settings.maxAttempts())
			.intervalBiFunction(interval)
			.retryOnException(ex -> ex instanceof RetryableSourceException retryable
					&& (retryable.retryAfter() == null ? !rateLimitsOnly
							: retryable.retryAfter().compareTo(settings.maxRateLimitWait()) <= 0))
			.failAfterMaxAttempts(false)
			.build();
	}

	static Duration backoff(int attempt, RetrySettings settings) {
		double exponential = settings.initialBackoff().toMillis() * Math.pow(2, Math.max(0, attempt - 1));
		double capped = Math.min(exponential, settings.maxBackoff().toMillis());
		double jittered = capped * (0.5 + ThreadLocalRandom.current().nextDouble() / 2);
		return Duration.ofMillis(Math.max(1, (long) jittered));
	}

	private static boolean isOutage(Throwable ex) {
		return ex instanceof RetryableSourceException retryable && retryable.retryAfter() == null;
	}

}
