package dev.leakpath.ingest;

import java.util.UUID;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Makes sure one instance at a time polls a scope, when several run against one database: the pass holds a
 * PostgreSQL advisory lock on a connection of its own for as long as it runs. A session lock, so an instance
 * that dies (or loses its database connection) releases it at once, and another instance resumes the scope
 * after the dead one's last stored page. A run holds a lock of its own the same way, so that a run and a pass
 * whose lock nobody holds are known to have lost their owner (see {@link InterruptedPasses}).
 */
@Component
class ScopeLease {

	private static final Logger log = LoggerFactory.getLogger(ScopeLease.class);

	/** The first half of the lock key: leakpath's scope locks, apart from any other advisory lock. */
	static final int SCOPE_LOCKS = 0x1ea4;

	/** The first half of the lock key of a run ({@code sync_run}). */
	static final int RUN_LOCKS = 0x1ea5;

	private final ConnectionFactory connections;

	ScopeLease(ConnectionFactory connections) {
		this.connections = connections;
	}

	/** Runs {@code pass} holding the scope's lock; completes empty at once when another instance holds it. */
	Mono<Void> whileHeld(String provider, String scope, Mono<Void> pass) {
		return whileHeld(SCOPE_LOCKS, scopeKey(provider, scope), pass,
				() -> log.info("{} {}: another instance is polling it; skipped", provider, scope));
	}

	/** Runs {@code run} holding the run's lock, taken before its {@code sync_run} row is written. */
	Mono<Void> whileRunHeld(UUID runId, Mono<Void> run) {
		return whileHeld(RUN_LOCKS, runId.toString(), run, () -> log.warn("Run {} is held elsewhere; not run", runId));
	}

	/** The second half of a scope's lock key, as {@code hashtext} of this text. */
	static String scopeKey(String provider, String scope) {
		return provider + "/" + scope;
	}

	private Mono<Void> whileHeld(int space, String key, Mono<Void> work, Runnable busy) {
		return Mono.usingWhen(Mono.from(connections.create()), connection -> tryLock(connection, space, key)
			.flatMap(locked -> {
				if (!locked) {
					busy.run();
					return Mono.<Void>empty();
				}
				return work;
			}), ScopeLease::release, (connection, error) -> release(connection), ScopeLease::release);
	}

	private static Mono<Boolean> tryLock(Connection connection, int space, String key) {
		return Mono.from(connection.createStatement("select pg_try_advisory_lock($1, hashtext($2))")
			.bind("$1", space)
			.bind("$2", key)
			.execute()).flatMap(result -> Mono.from(result.map((row, meta) -> row.get(0, Boolean.class))));
	}

	/**
	 * The connection goes back to the pool, where a session lock would outlive the pass: every lock it holds is
	 * released first (it takes no other advisory lock).
	 */
	private static Mono<Void> release(Connection connection) {
		return Mono.from(connection.createStatement("select pg_advisory_unlock_all()").execute())
			.flatMap(result -> Mono.from(result.getRowsUpdated()))
			.onErrorResume(ex -> Mono.empty())
			.then(Mono.from(connection.close()));
	}

}
