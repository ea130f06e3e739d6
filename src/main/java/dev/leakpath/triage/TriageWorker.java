package dev.leakpath.triage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.leakpath.periodic.LeaseRenewal;
import dev.leakpath.periodic.PeriodicLoop;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Carries triage items out: claims due items, works on a few at once, and records each provider's answer. Wakes
 * up when a command is stored, and every poll interval for retries. The leases of the items being worked on are
 * renewed while they are (a rate-limit wait can last up to the connector's {@code max-rate-limit-wait}).
 */
@Component
class TriageWorker {

	private static final Logger log = LoggerFactory.getLogger(TriageWorker.class);

	/** Wake-ups within this window make one claim. */
	private static final Duration WAKE_UP_WINDOW = Duration.ofMillis(50);

	private final TriageQueue queue;

	private final TriageExecutor executor;

	private final TriageProperties properties;

	private final MeterRegistry meters;

	private final Sinks.Many<Boolean> wakeUps = Sinks.many().unicast().onBackpressureBuffer();

	private volatile Disposable loop;

	TriageWorker(TriageQueue queue, TriageExecutor executor, TriageProperties properties, MeterRegistry meters) {
		this.queue = queue;
		this.executor = executor;
		this.properties = properties;
		this.meters = meters;
	}

	/** Asks for due items to be looked for now rather than at the next poll. */
	void wakeUp() {
		if (loop != null) {
			// a failed emission means another thread is emitting a wake-up right now: one is enough
			wakeUps.tryEmitNext(Boolean.TRUE);
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!properties.worker().enabled()) {
			log.info("Triage worker is off (leakpath.triage.worker.enabled=false): commands are only stored here");
			return;
		}
		loop = PeriodicLoop.start(log, "Carrying out triage commands",
				Flux.merge(PeriodicLoop.ticks(Duration.ZERO, properties.worker().pollInterval()),
						wakeUps.asFlux().sample(WAKE_UP_WINDOW)),
				this::drain);
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable running = loop;
		if (running != null) {
			running.dispose();
		}
	}

	/** Carries out due items until none is left. */
	private Mono<Integer> drain() {
		int batchSize = properties.worker().batchSize();
		return claimAndCarryOut().expand(claimed -> claimed < batchSize ? Mono.empty() : claimAndCarryOut())
			.reduce(0, Integer::sum);
	}

	private Mono<Integer> claimAndCarryOut() {
		Duration lease = properties.worker().lease();
		return queue.claim(properties.worker().batchSize(), lease).flatMap(batch -> {
			Set<ClaimedItem> working = ConcurrentHashMap.newKeySet();
			working.addAll(batch);
			return LeaseRenewal.whileWorking(log, "Renewing the leases of triage items being carried out", lease,
					() -> queue.renew(List.copyOf(working), lease), carryOut(batch, working))
				.thenReturn(batch.size());
		});
	}

	/** Revocations of the batch go together per provider, in one request; the other items a few at once. */
	private Mono<Void> carryOut(List<ClaimedItem> batch, Set<ClaimedItem> working) {
		Map<String, List<ClaimedItem>> revocations = new LinkedHashMap<>();
		List<ClaimedItem> others = new ArrayList<>();
		for (ClaimedItem item : batch) {
			if (item.revoke() && !item.revoked()) {
				revocations.computeIfAbsent(item.provider(), provider -> new ArrayList<>()).add(item);
			}
			else {
				others.add(item);
			}
		}
		Flux<TriageExecutor.CarriedOut> single = Flux.fromIterable(others)
			.flatMap(item -> executor.carryOut(item).map(outcome -> new TriageExecutor.CarriedOut(item, outcome)),
					properties.worker().concurrency());
		Flux<TriageExecutor.CarriedOut> revoked = Flux.fromIterable(revocations.values())
			.concatMap(executor::carryOutRevocations);
		return Flux.merge(single, revoked)
			.concatMap(done -> record(done.item(), done.outcome()).doFinally(signal -> working.remove(done.item())))
			.then();
	}

	private Mono<Void> record(ClaimedItem item, TriageOutcome outcome) {
		return queue.record(item, outcome)
			.doOnSuccess(done -> logged(item, outcome))
			// the others go on: this one stays claimed until its lease ends, and its next attempt reads the alert
			.onErrorResume(ex -> {
				log.warn("Could not record the outcome of triage item {} on {}: {}", item.id(), item.describe(),
						ex.getMessage());
				return Mono.empty();
			});
	}

	private void logged(ClaimedItem item, TriageOutcome outcome) {
		meters.counter("leakpath.triage.items", "provider", item.provider(), "outcome", outcome.status().word())
			.increment();
		switch (outcome.status()) {
			case APPLIED:
				log.debug("Triage item {} on {} applied", item.id(), item.describe());
				break;
			case CONFLICT:
				log.info("Triage item {} on {} not written: {}", item.id(), item.describe(), outcome.note());
				break;
			case FAILED:
				log.warn("Triage item {} on {} failed: {}", item.id(), item.describe(), outcome.error());
				break;
			default:
				log.info("Triage item {} on {} attempt {} failed, next in {}: {}", item.id(), item.describe(),
						item.attempts(), outcome.retryIn(), outcome.error());
		}
	}

}
