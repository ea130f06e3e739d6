package dev.leakpath.periodic;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one way leakpath runs work periodically. Rounds never overlap; ticks that come while a round is running
 * are coalesced into one round right after it (a bare {@code Flux.interval} into {@code concatMap} fails with
 * "Could not emit tick" once a round outlasts the interval, and the loop stops for good). A failed round is
 * logged and the next tick runs the next one; a run of failures is logged once, and again when a round succeeds.
 */
public final class PeriodicLoop {

	private PeriodicLoop() {
	}

	/** Runs {@code round} after {@code initialDelay}, then every {@code interval}; dispose to stop. */
	public static Disposable start(Logger log, String what, Duration initialDelay, Duration interval,
			Supplier<? extends Mono<?>> round) {
		return start(log, what, ticks(initialDelay, interval), round);
	}

	/**
	 * A tick after {@code initialDelay}, then every {@code interval}, keeping only the latest while nobody asks:
	 * the one clock for loops that also tick on something else (a wake-up, a step before the first tick).
	 */
	public static Flux<Long> ticks(Duration initialDelay, Duration interval) {
		return Flux.interval(initialDelay, interval).onBackpressureLatest();
	}

	/** Runs {@code round} on every signal of {@code ticks} that does not come while a round is running. */
	public static Disposable start(Logger log, String what, Flux<?> ticks, Supplier<? extends Mono<?>> round) {
		RoundFailures failures = new RoundFailures(log, what);
		return ticks.onBackpressureLatest()
			.concatMap(tick -> Mono.defer(round)
				.then()
				.doOnSuccess(done -> failures.succeeded())
				.onErrorResume(ex -> {
					failures.failed(ex);
					return Mono.empty();
				}), /* prefetch: ask for the next tick only once this round is over */ 0)
			.subscribe(null, ex -> log.error("{} stopped", what, ex));
	}

}
