package dev.leakpath.ingest;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * How often a provider's scopes are polled by the schedule. Polling is the reconciliation net: when
 * something else keeps a provider's alerts current (healthy webhooks), it may run less often.
 */
public interface PollPacing {

	/** The time between two scheduled passes over this provider's scopes. */
	Mono<Duration> interval(String provider, Duration pollInterval);

}
