package dev.leakpath.ingest.ado;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;

/**
 * Slows requests down when Azure DevOps asks for it: a {@code Retry-After} on any response (it can come
 * on a 200), or {@code X-RateLimit-Remaining} running low. Waiting is a timer, never a blocked thread.
 */
final class AzureDevOpsThrottle {

	private final Clock clock;

	private final AzureDevOpsProperties.Throttle settings;

	private final AtomicReference<Instant> notBefore = new AtomicReference<>(Instant.EPOCH);

	AzureDevOpsThrottle(Clock clock, AzureDevOpsProperties.Throttle settings) {
		this.clock = clock;
		this.settings = settings;
	}

	Mono<Void> awaitTurn() {
		Duration wait = Duration.between(clock.instant(), notBefore.get());
		return wait.isNegative() || wait.isZero() ? Mono.empty() : Mono.delay(wait).then();
	}

	void observe(Duration retryAfter, Integer remaining) {
		if (retryAfter != null) {
			pause(retryAfter);
		}
		else if (remaining != null && remaining < settings.lowRemaining()) {
			pause(settings.lowRemainingDelay());
		}
	}

	private void pause(Duration wait) {
		Instant until = clock.instant().plus(wait);
		notBefore.accumulateAndGet(until, (current, next) -> next.isAfter(current) ? next : current);
	}

}
