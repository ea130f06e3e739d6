package dev.leakpath.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Finds passes and runs left {@code running} by an owner that is gone (an instance killed, or one whose pass lost
 * the database before it could record the failure) and shows them as {@code interrupted}; the scheduler's next
 * look at what is due resumes them after their last stored page. The owner of a running pass or run holds its
 * {@link ScopeLease} lock, so a row whose lock no session holds has no owner any more.
 * <p>
 * The locks are looked up in {@code pg_locks}, never taken: holding a scope's lock even for the moment of the
 * update would make a pass that starts meanwhile, on any instance (this one's own first run after start-up too),
 * take this look for another instance polling the scope and skip it. Nothing is lost by looking instead: a pass
 * takes its lock before it marks its row running, so the row of a live pass shows its lock; a pass that takes the
 * lock just after the look marks the row running again itself.
 */
@Component
class InterruptedPasses {

	private static final Logger log = LoggerFactory.getLogger(InterruptedPasses.class);

	// a lock of two int4 keys shows as classid, objid (an oid: hashtext's negative values wrap) and objsubid 2;
	// the key is the one ScopeLease.scopeKey makes
	private static final String PASSES = """
			update sync_source s set
			    state = 'interrupted'
			  , last_outcome = 'interrupted'
			  , last_finished_at = now()
			  , last_error = 'the pass stopped before it could finish (its instance or its database connection went away); it resumes after its last stored page'
			where s.state = 'running' and not exists (
			    select 1 from pg_locks l
			    where l.locktype = 'advisory' and l.database = (select oid from pg_database where datname = current_database())
			      and l.classid = :locks and l.objid = hashtext(s.provider || '/' || s.scope)::oid and l.objsubid = 2)
			""";

	private static final String RUNS = """
			update sync_run s set status = 'interrupted', finished_at = now()
			where s.status = 'running' and not exists (
			    select 1 from pg_locks l
			    where l.locktype = 'advisory' and l.database = (select oid from pg_database where datname = current_database())
			      and l.classid = :locks and l.objid = hashtext(cast(s.id as text))::oid and l.objsubid = 2)
			""";

	private final DatabaseClient db;

	InterruptedPasses(DatabaseClient db) {
		this.db = db;
	}

	/** Marks every running pass and run without an owner interrupted; emits how many passes it marked. */
	Mono<Long> mark() {
		return update(PASSES, ScopeLease.SCOPE_LOCKS)
			.zipWhen(passes -> update(RUNS, ScopeLease.RUN_LOCKS), (passes, runs) -> {
				if (passes > 0 || runs > 0) {
					log.info("Marked {} pass(es) and {} run(s) whose owner is gone as interrupted", passes, runs);
				}
				return passes;
			});
	}

	private Mono<Long> update(String sql, int lockSpace) {
		return db.sql(sql).bind("locks", lockSpace).fetch().rowsUpdated();
	}

}
