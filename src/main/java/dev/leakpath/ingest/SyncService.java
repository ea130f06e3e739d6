package dev.leakpath.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Runs polls: one run covers every scope of every connector, scopes in parallel up to the configured
 * concurrency, each failing on its own. One run at a time per process.
 */
@Service
public class SyncService {

	private static final Logger log = LoggerFactory.getLogger(SyncService.class);

	private final List<SourceConnector> connectors;

	private final ScopeSync scopes;

	private final ScopeLease leases;

	private final SyncRunStore runs;

	private final SyncProperties properties;

	private final SyncSourceStore sources;

	private final InterruptedPasses interrupted;

	private final PollPacing pacing;

	private final Clock clock;

	private final AtomicReference<UUID> current = new AtomicReference<>();

	private final AtomicReference<Disposable> background = new AtomicReference<>();

	SyncService(List<SourceConnector> connectors, ScopeSync scopes, ScopeLease leases, SyncRunStore runs,
			SyncProperties properties, SyncSourceStore sources, InterruptedPasses interrupted,
			ObjectProvider<PollPacing> pacing, Clock clock) {
		this.connectors = connectors;
		this.scopes = scopes;
		this.leases = leases;
		this.runs = runs;
		this.properties = properties;
		this.sources = sources;
		this.interrupted = interrupted;
		this.pacing = pacing.getIfAvailable(() -> (provider, interval) -> Mono.just(interval));
		this.clock = clock;
	}

	/** Starts a run over every scope in the background, or points at the one under way. */
	public Mono<SyncTrigger> start(String trigger) {
		return start(trigger, allScopes());
	}

	/**
	 * Starts a run over the scopes whose interval (see {@link PollPacing}) has passed since their last
	 * completed pass, or whose last pass was interrupted; empty when none is due.
	 */
	public Mono<SyncTrigger> startDue(String trigger) {
		return interrupted.mark().then(dueScopes()).filter(due -> !due.isEmpty()).flatMap(due -> start(trigger, due));
	}

	/** Runs now over the due scopes, as the schedule would; empty when none is due. */
	public Mono<UUID> runDue(String trigger) {
		return interrupted.mark().then(dueScopes()).filter(due -> !due.isEmpty()).flatMap(due -> run(trigger, due));
	}

	/**
	 * Starts the run in the background and completes once its {@code sync_run} row is written; the run holds its
	 * lease from before that row is written until it is over.
	 */
	private Mono<SyncTrigger> start(String trigger, List<Scope> selected) {
		return Mono.defer(() -> {
			UUID id = UUID.randomUUID();
			UUID running = current.compareAndExchange(null, id);
			if (running != null) {
				return Mono.just(new SyncTrigger(running, true));
			}
			Sinks.Empty<Void> recorded = Sinks.empty();
			Mono<Void> whole = leases.whileRunHeld(id, runs.start(id, trigger)
				.doOnSuccess(done -> recorded.tryEmitEmpty())
				.then(execute(id, selected)));
			background.set(whole
				// the run lock could not be taken or the row not written: the run never began
				.doOnError(ex -> recorded.tryEmitError(ex))
				.doFinally(signal -> {
					recorded.tryEmitError(new IllegalStateException("Sync run " + id + " ended before it began"));
					current.compareAndSet(id, null);
				})
				.subscribe(null, ex -> log.error("Sync run {} ended with an unexpected error", id, ex)));
			return recorded.asMono().thenReturn(new SyncTrigger(id, false));
		});
	}

	/** Runs now over every scope and completes when the run is over; fails if another run is under way. */
	public Mono<UUID> run(String trigger) {
		return run(trigger, allScopes());
	}

	private Mono<UUID> run(String trigger, List<Scope> selected) {
		return Mono.defer(() -> {
			UUID id = UUID.randomUUID();
			if (!current.compareAndSet(null, id)) {
				return Mono.error(new IllegalStateException("A sync run is already under way: " + current.get()));
			}
			return leases.whileRunHeld(id, runs.start(id, trigger).then(execute(id, selected)))
				.doFinally(signal -> current.compareAndSet(id, null))
				.thenReturn(id);
		});
	}

	/**
	 * Stops a background run as soon as the application begins to stop, before HTTP clients and the
	 * database go away; the pass resumes after its last stored page at the next start.
	 */
	@EventListener(ContextClosedEvent.class)
	void stopRunning() {
		Disposable running = background.getAndSet(null);
		if (running != null && !running.isDisposed()) {
			log.info("Stopping sync run {}; it resumes at the next start", current.get());
			running.dispose();
		}
	}

	public boolean hasScopes() {
		return connectors.stream().anyMatch(connector -> !connector.scopes().isEmpty());
	}

	private List<Scope> allScopes() {
		return connectors.stream()
			.flatMap(connector -> connector.scopes().stream().map(scope -> new Scope(connector, scope)))
			.toList();
	}

	/**
	 * A scope is due when the last pass of one of its listings did not complete, or when its interval has nearly
	 * passed since the earliest of those passes started: half a poll interval of slack, so that a pass due at
	 * this tick is not put off to the next.
	 */
	private Mono<List<Scope>> dueScopes() {
		Instant now = clock.instant();
		return sources.lastCompletedStarts().flatMap(starts -> Flux.fromIterable(connectors)
			.filter(connector -> !connector.scopes().isEmpty())
			.concatMap(connector -> pacing.interval(connector.provider(), connector.pollInterval())
				.defaultIfEmpty(connector.pollInterval())
				.flatMapIterable(interval -> connector.scopes().stream().filter(scope -> {
					Duration slack = connector.pollInterval().dividedBy(2);
					return connector.listings().stream().anyMatch(listing -> {
						Instant started = starts.get(SyncSourceStore.key(connector.provider(), scope, listing));
						return started == null || !started.plus(interval).minus(slack).isAfter(now);
					});
				}).map(scope -> new Scope(connector, scope)).toList()))
			.collectList());
	}

	private Mono<Void> execute(UUID id, List<Scope> selected) {
		AtomicInteger failed = new AtomicInteger();
		AtomicInteger total = new AtomicInteger();
		return Flux.fromIterable(selected)
			.flatMap(scope -> {
				total.incrementAndGet();
				return leases.whileHeld(scope.connector().provider(), scope.name(),
						scopes.sync(scope.connector(), scope.name(), id)).onErrorResume(ex -> {
					failed.incrementAndGet();
					return Mono.empty();
				});
			}, properties.concurrency())
			.then(Mono.defer(() -> runs.finish(id, status(failed.get(), total.get()))))
			// released before completion is signalled, so whoever waited for this run can start the next
			.doOnTerminate(() -> current.compareAndSet(id, null))
			.doOnCancel(() -> current.compareAndSet(id, null));
	}

	private static String status(int failed, int total) {
		if (failed == 0) {
			return "succeeded";
		}
		return failed == total ? "failed" : "partially_failed";
	}

	private record Scope(SourceConnector connector, String name) {
	}

}
