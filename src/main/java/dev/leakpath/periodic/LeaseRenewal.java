package dev.leakpath.periodic;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Keeps a claim's lease for as long as the work on it runs, whatever the work waits for (a provider's rate limit
 * can ask for an hour): the lease is renewed every third of its length, so it lapses only when its holder is gone
 * or cannot reach the database for two thirds of a lease.
 */
public final class LeaseRenewal {

	private LeaseRenewal() {
	}

	/**
	 * Runs {@code work}, calling {@code renew} (which moves the lease to a full {@code lease} from now) every third of
	 * {@code lease} until the work ends.
	 */
	public static <T> Mono<T> whileWorking(Logger log, String what, Duration lease, Supplier<? extends Mono<?>> renew,
			Mono<T> work) {
		Duration every = lease.dividedBy(3);
		return Mono.usingWhen(Mono.fromSupplier(() -> PeriodicLoop.start(log, what, every, every, renew)),
				renewing -> work, LeaseRenewal::stop, (renewing, error) -> stop(renewing), LeaseRenewal::stop);
	}

	private static Mono<Void> stop(Disposable renewing) {
		return Mono.fromRunnable(renewing::dispose);
	}

}
