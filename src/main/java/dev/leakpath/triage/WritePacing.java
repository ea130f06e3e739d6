package dev.leakpath.triage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Spaces this instance's writes to each provider by {@code leakpath.triage.write-interval}: each write takes the
 * next free slot, with the read that precedes it. Waiting is a timer, never a held thread; the connectors'
 * rate-limit handling comes on top.
 */
@Component
class WritePacing {

	private final TriageProperties properties;

	private final Clock clock;

	private final Map<String, AtomicReference<Instant>> nextFree = new ConcurrentHashMap<>();

	WritePacing(TriageProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** Completes when this write's slot has come. */
	Mono<Void> awaitTurn(String provider) {
		return awaitTurn(provider, properties.writeInterval().of(provider));
	}

	/** Completes when the next slot of this kind of request, {@code interval} after the last one, has come. */
	Mono<Void> awaitTurn(String kind, Duration interval) {
		return Mono.defer(() -> {
			if (interval.isZero() || interval.isNegative()) {
				return Mono.empty();
			}
			Instant now = clock.instant();
			Instant next = nextFree.computeIfAbsent(kind, key -> new AtomicReference<>(Instant.EPOCH))
				.updateAndGet(free -> (free.isAfter(now) ? free : now).plus(interval));
			Duration wait = Duration.between(now, next.minus(interval));
			return wait.isZero() || wait.isNegative() ? Mono.empty() : Mono.delay(wait).then();
		});
	}

}
