package dev.leakpath.ingest;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Finds passes and runs left {@code running} by an owner that is gone (an instance killed, or one whose pass lost
 * the database before it could record the failure) and shows them as {@code interrupted}; the scheduler's next
 * look at what is due resumes them after their last stored page. The owner of a running pass or run holds its
 * {@link ScopeLease} lock, so a row whose lock this connection can take has no owner any more. The locks taken
 * here are held only until the rows are updated, on a connection of its own.
 */
@Component
class InterruptedPasses {

	private static final Logger log = LoggerFactory.getLogger(InterruptedPasses.class);

	// materialized: the lock is tried for running rows only, never for a scope that is idle; the key is the one
	// ScopeLease.scopeKey makes
	private static final String PASSES = """
			with running as materialized (select id, provider, scope from sync_source where state = 'running')
			update sync_source s set
			    state = 'interrupted'
			  , last_outcome = 'interrupted'
			  , last_finished_at = now()
			  , last_error = 'the pass stopped before it could finish (its instance or its database connection went away); it resumes after its last stored page'
			from running r
			where s.id = r.id and pg_try_advisory_lock($1, hashtext(r.provider || '/' || r.scope))
			""";

	private static final String RUNS = """
			with running as materialized (select id from sync_run where status = 'running')
			update sync_run s set status = 'interrupted', finished_at = now()
			from running r
			where s.id = r.id and pg_try_advisory_lock($1, hashtext(cast(r.id as text)))
			""";

	private final ConnectionFactory connections;

	InterruptedPasses(ConnectionFactory connections) {
		this.connections = connections;
	}

	/** Marks every running pass and run without an owner interrupted; emits how many passes it marked. */
	Mono<Long> mark() {
		return Mono.usingWhen(Mono.from(connections.create()),
				connection -> update(connection, PASSES, ScopeLease.SCOPE_LOCKS)
					.zipWith(update(connection, RUNS, ScopeLease.RUN_LOCKS), (passes, runs) -> {
						if (passes > 0 || runs > 0) {
							log.info("Marked {} pass(es) and {} run(s) whose owner is gone as interrupted", passes, runs);
						}
						return passes;
					}),
				ScopeLease::release, (connection, error) -> ScopeLease.release(connection), ScopeLease::release);
	}

	private static Mono<Long> update(Connection connection, String sql, int lockSpace) {
		return Flux.from(connection.createStatement(sql).bind("$1", lockSpace).execute())
			.flatMap(result -> Mono.from(result.getRowsUpdated()))
			.reduce(0L, Long::sum);
	}

}
