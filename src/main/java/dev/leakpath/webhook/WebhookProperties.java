package dev.leakpath.webhook;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxBodySize larger deliveries are refused with 413 before more than this is read (secret-scanning
 * events are a few KB; GitHub caps payloads at 25 MB, Azure DevOps service hooks at 2 MB)
 * @param maxConcurrentBodies bodies read at once; a delivery over it gets 503 and Retry-After unread, so
 * memory for bodies stays under this times {@code maxBodySize}
 * @param maxQueuedDeliveries deliveries waiting for the inbox insert; more get 503 and Retry-After
 * @param intakeTimeout how long storing a delivery may take before the sender gets 503 and redelivers
 * (GitHub gives up after 10 s)
 * @param retention how long processed deliveries are kept, so that a redelivery is still recognised
 * (GitHub redelivers up to 3 days back, GHES 7)
 * @param healthyWindow webhooks of a provider count as healthy while a delivery arrived within this window
 * @param reconcileInterval the poll interval of a provider whose webhooks are healthy
 * @param worker how the inbox is processed
 */
@Validated
@ConfigurationProperties("leakpath.webhooks")
public record WebhookProperties(@DefaultValue("1MB") DataSize maxBodySize,
		@Min(1) @DefaultValue("64") int maxConcurrentBodies, @Min(1) @DefaultValue("2000") int maxQueuedDeliveries,
		@DefaultValue("PT5S") Duration intakeTimeout,
		@DefaultValue("P8D") Duration retention, @DefaultValue("PT6H") Duration healthyWindow,
		@DefaultValue("PT1H") Duration reconcileInterval, @Valid @DefaultValue Worker worker) {

	/**
	 * @param enabled whether this instance processes the inbox; instances with it off only take deliveries in
	 * @param pollInterval how often the inbox is looked at when no delivery wakes the worker
	 * @param batchSize deliveries claimed at once
	 * @param concurrency alerts re-read from providers at once
	 * @param lease how long a claimed delivery stays with its worker before another may take it
	 * @param maxAttempts attempts before a delivery is parked as failed
	 * @param initialBackoff wait before the second attempt; it doubles with every attempt
	 * @param maxBackoff longest wait between two attempts
	 */
	public record Worker(@DefaultValue("true") boolean enabled, @DefaultValue("PT1S") Duration pollInterval, @Min(1) @DefaultValue("200") int batchSize,
			@Min(1) @DefaultValue("8") int concurrency, @DefaultValue("PT2M") Duration lease,
			@Min(1) @DefaultValue("10") int maxAttempts, @DefaultValue("PT2S") Duration initialBackoff,
			@DefaultValue("PT15M") Duration maxBackoff) {

		/** The wait after a failed attempt number {@code attempt} (1-based). */
		Duration backoff(int attempt) {
			Duration wait = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 30));
			return wait.compareTo(maxBackoff) > 0 || wait.isNegative() ? maxBackoff : wait;
		}

	}

}
