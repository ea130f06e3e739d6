package dev.leakpath.triage;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Triage written back to the providers.
 *
 * @param maxAlerts most alerts one request may triage (ids, or what a filter matches)
 * @param worker how triage commands are carried out
 * @param writeInterval least time between two writes to a provider, per instance
 */
@Validated
@ConfigurationProperties("leakpath.triage")
public record TriageProperties(@Min(1) @Max(100_000) @DefaultValue("10000") int maxAlerts,
		@Valid @DefaultValue Worker worker, @Valid @DefaultValue WriteInterval writeInterval) {

	/**
	 * @param enabled whether this instance carries commands out; with it off it only takes them in
	 * @param pollInterval how often due items are looked for when no new command wakes the worker
	 * @param batchSize items claimed at once
	 * @param concurrency items carried out at once
	 * @param lease how long a claimed item stays with its worker; renewed every third of it while the item is
	 * worked on, so that a long rate-limit wait never lets another instance take it
	 * @param maxAttempts attempts before an item fails for good (a 5xx, a connection error, a long rate limit)
	 * @param initialBackoff wait before the second attempt; doubles each attempt
	 * @param maxBackoff longest wait between two attempts
	 */
	public record Worker(@DefaultValue("true") boolean enabled, @DefaultValue("PT5S") Duration pollInterval,
			@Min(1) @DefaultValue("50") int batchSize, @Min(1) @DefaultValue("4") int concurrency,
			@DefaultValue("PT2M") Duration lease, @Min(1) @DefaultValue("10") int maxAttempts,
			@DefaultValue("PT30S") Duration initialBackoff, @DefaultValue("PT30M") Duration maxBackoff) {

		/** The wait after failed attempt number {@code attempt} (1-based). */
		Duration backoff(int attempt) {
			Duration wait = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 30));
			return wait.compareTo(maxBackoff) > 0 || wait.isNegative() ? maxBackoff : wait;
		}

	}

	/**
	 * @param github between two PATCHes to GitHub: its guidance is to wait at least a second between mutating
	 * requests, or its secondary rate limit answers 403 (a PATCH costs 5 of the 900 points per minute per endpoint)
	 * @param azureDevops between two PATCHes to Azure DevOps, whose requests the {@code azure-devops} rate
	 * limiter and its throttle pace as well
	 * @param githubRevocation between two {@code POST /credentials/revoke}: GitHub allows 60 an hour (per address
	 * on github.com), each with up to 1000 tokens
	 */
	public record WriteInterval(@DefaultValue("PT1S") Duration github, @DefaultValue("PT0.1S") Duration azureDevops,
			@DefaultValue("PT1M") Duration githubRevocation) {

		Duration of(String provider) {
			return "github".equals(provider) ? github : azureDevops;
		}

	}

}
