package dev.leakpath.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxAttempts attempts per request, the first included, for 5xx, connection errors and rate limits
 * @param initialBackoff first wait after a 5xx or connection error; doubles each attempt, with jitter
 * @param maxBackoff longest wait after a 5xx or connection error
 * @param rateLimitWait wait after a rate limit that names no time (GitHub's secondary limit, a bare 429)
 * @param maxRateLimitWait longest rate-limit wait accepted; a longer one fails the pass, which resumes at
 * the next poll
 */
public record RetrySettings(@Min(1) @DefaultValue("8") int maxAttempts, @DefaultValue("PT0.25S") Duration initialBackoff,
		@DefaultValue("PT60S") Duration maxBackoff, @DefaultValue("PT60S") Duration rateLimitWait,
		@DefaultValue("PT1H") Duration maxRateLimitWait) {
}
