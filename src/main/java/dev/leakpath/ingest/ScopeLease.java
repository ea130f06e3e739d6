package dev.leakpath.ingest;

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
 * after the dead one's last stored page.
 */
@Component
class ScopeLease {

	private static final Logger log = LoggerFactory.getLogger(ScopeLease.class);

	/** The first half of the lock key: leakpath's scope locks, apart from any other advisory lock. */
	private static final int LOCK_SPACE = 0x1ea4;

	private final ConnectionFactory connections;

	ScopeLease(ConnectionFactory connections) {
		this.connections = connections;
	}

	/** Runs {@code pass} holding the scope's lock; completes empty at once when another instance holds it. */
	Mono<Void> whileHeld(String provider, String scope, Mono<Void> pass) {
		return Mono.usingWhen(Mono.from(connections.create()), connection -> tryLock(connection, provider, scope)
			.flatMap(locked -> {
				if (!locked) {
					log.info("{} {}: another instance is polling it; skipped", provider, scope);
					return Mono.<Void>empty();
				}
				return pass;
			}), ScopeLease::release, (connection, error) -> release(connection), ScopeLease::release);
	}

	private static Mono<Boolean> tryLock(Connection connection, String provider, String scope) {
		return Mono.from(connection.createStatement("select pg_try_advisory_lock($1, hashtext($2))")
			.bind("$1", LOCK_SPACE)
			.bind("$2", provider + "/" + scope)
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
