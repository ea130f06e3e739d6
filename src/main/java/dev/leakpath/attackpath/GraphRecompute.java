package dev.leakpath.attackpath;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.leakpath.periodic.PeriodicLoop;
import dev.leakpath.risk.FindingRisk;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The re-match of every secret and recompute of every attack path and finding's risk an inventory change calls for, run after the
 * write instead of in it (45 s on a graph of a million alerts). Requests are counted in {@code graph_recompute}
 * by the writing transaction, so none is lost with its instance. A recompute runs in one transaction holding an
 * advisory lock, so one runs at a time across instances, and records the count it started from: writes during
 * it cause exactly one more. Each instance looks for a due recompute at start-up, after each write it commits
 * and every {@code leakpath.graph.recompute-check-interval}.
 */
@Component
class GraphRecompute {

	private static final Logger log = LoggerFactory.getLogger(GraphRecompute.class);

	/** The advisory lock of the recompute, apart from the scope and run locks ({@code 0x1ea4}, {@code 0x1ea5}). */
	static final int LOCK_SPACE = 0x1ea6;

	private static final String REQUEST = """
			insert into graph_recompute (requested, requested_at) values (1, now())
			on conflict (id) do update set requested = graph_recompute.requested + 1, requested_at = now()
			""";

	private final DatabaseClient db;

	private final AssetMatching matching;

	private final AttackPathEvaluator attackPaths;

	private final FindingRisk risk;

	private final TransactionalOperator transaction;

	private final GraphProperties properties;

	private final MeterRegistry meters;

	private final Sinks.Many<Boolean> wakeUps = Sinks.many().unicast().onBackpressureBuffer();

	private volatile Disposable loop;

	GraphRecompute(DatabaseClient db, AssetMatching matching, AttackPathEvaluator attackPaths, FindingRisk risk,
			TransactionalOperator transaction, GraphProperties properties, MeterRegistry meters) {
		this.db = db;
		this.matching = matching;
		this.attackPaths = attackPaths;
		this.risk = risk;
		this.transaction = transaction;
		this.properties = properties;
		this.meters = meters;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		loop = PeriodicLoop.start(log, "Recomputing secret targets and attack paths",
				Flux.merge(PeriodicLoop.ticks(Duration.ZERO, properties.recomputeCheckInterval()), wakeUps.asFlux()),
				this::drain);
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable running = loop;
		if (running != null) {
			running.dispose();
		}
	}

	/**
	 * Asks for a recompute in the caller's transaction (it fails outside one); it is looked for once that
	 * transaction commits.
	 */
	Mono<Void> request() {
		return db.sql(REQUEST).fetch().rowsUpdated().then(wakeUpAfterCommit());
	}

	/**
	 * In the caller's transaction (it fails outside one): waits for a running recompute to end and keeps one from
	 * starting until the transaction ends, by taking the recompute's lock. A recompute reads the graph as it was
	 * when it started: one running beside an incremental update of the same secrets would write back their old
	 * paths (reopening one the update resolved) and leave the update's new ones open beside them. A recompute
	 * refused the lock meanwhile is looked for again once the transaction commits.
	 */
	Mono<Void> holdOff() {
		return db.sql("select pg_advisory_xact_lock(:space, 0)").bind("space", LOCK_SPACE).fetch().rowsUpdated()
			.then(wakeUpAfterCommit());
	}

	/** Looks for a due recompute once the caller's transaction commits. */
	private Mono<Void> wakeUpAfterCommit() {
		return TransactionSynchronizationManager.forCurrentTransaction()
			.doOnNext(current -> current.registerSynchronization(new TransactionSynchronization() {

				@Override
				public Mono<Void> afterCommit() {
					return Mono.fromRunnable(GraphRecompute.this::wakeUp);
				}

			}))
			.then();
	}

	/** Runs due recomputes until none is due or another instance runs one; emits how many ran here. */
	Mono<Long> drain() {
		return recomputeIfDue().expand(ran -> ran ? recomputeIfDue() : Mono.empty()).filter(ran -> ran).count();
	}

	private void wakeUp() {
		if (loop != null) {
			// a failed emission means another thread is emitting a wake-up right now: one is enough
			wakeUps.tryEmitNext(Boolean.TRUE);
		}
	}

	/** Emits whether a recompute ran; its log line and timing once it committed. */
	private Mono<Boolean> recomputeIfDue() {
		Timer.Sample sample = Timer.start(meters);
		return transaction.transactional(lockedRecompute())
			.doOnNext(done -> {
				long nanos = sample.stop(meters.timer("leakpath.graph.recompute", "outcome", "completed"));
				log.info("Inventory changed: {} secret targets re-matched; attack paths {} opened, {} updated, {} "
						+ "resolved; in {} ms", done.rematched(), done.paths().opened(), done.paths().updated(),
						done.paths().resolved(), nanos / 1_000_000);
			})
			.doOnError(ex -> sample.stop(meters.timer("leakpath.graph.recompute", "outcome", "failed")))
			.map(done -> true)
			.defaultIfEmpty(false);
	}

	/** In the caller's transaction: empty when another instance holds the lock or nothing is due. */
	private Mono<Recomputed> lockedRecompute() {
		return db.sql("select pg_try_advisory_xact_lock(:space, 0) as locked")
			.bind("space", LOCK_SPACE)
			.map(row -> row.get("locked", Boolean.class))
			.one()
			.flatMap(locked -> {
				if (!locked) {
					log.debug("Another instance is recomputing secret targets and attack paths");
					return Mono.empty();
				}
				// read after the lock is taken, so that a recompute committed meanwhile counts as done
				return db.sql("select requested from graph_recompute where requested > completed")
					.map(row -> row.get("requested", Long.class))
					.one()
					.flatMap(this::recompute);
			});
	}

	private Mono<Recomputed> recompute(long requested) {
		return db.sql("select set_config('work_mem', :workMem, true)")
			.bind("workMem", properties.recomputeWorkMem())
			.fetch()
			.rowsUpdated()
			.then(matching.matchAll())
			.zipWhen(rematched -> attackPaths.refreshAll().flatMap(paths -> risk.refreshAll().thenReturn(paths)),
					Recomputed::new)
			.flatMap(done -> db.sql("update graph_recompute set completed = greatest(completed, :requested), "
					+ "completed_at = now()")
				.bind("requested", requested)
				.fetch()
				.rowsUpdated()
				.thenReturn(done));
	}

	private record Recomputed(long rematched, AttackPathEvaluator.Evaluation paths) {
	}

}
