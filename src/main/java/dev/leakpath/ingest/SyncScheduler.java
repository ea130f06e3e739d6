package dev.leakpath.ingest;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import dev.leakpath.periodic.PeriodicLoop;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Starts a run every poll interval once the application is ready, unless scheduling is switched off. */
@Component
class SyncScheduler {

	private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

	private final SyncService sync;

	private final InterruptedPasses interrupted;

	private final SyncProperties properties;

	private final Duration pollInterval;

	private volatile Disposable schedule;

	SyncScheduler(SyncService sync, InterruptedPasses interrupted, SyncProperties properties,
			List<SourceConnector> connectors) {
		this.sync = sync;
		this.interrupted = interrupted;
		this.properties = properties;
		this.pollInterval = connectors.stream()
			.filter(connector -> !connector.scopes().isEmpty())
			.map(SourceConnector::pollInterval)
			.min(Duration::compareTo)
			.orElse(null);
	}

	@EventListener(ApplicationReadyEvent.class)
	void startPolling() {
		// at once rather than at the first tick: GET /api/v1/sync must not show a killed instance's pass as running
		Mono<Void> interruptedBefore = interrupted.mark()
			.onErrorResume(ex -> {
				log.warn("Could not mark passes left unfinished by a stopped instance as interrupted: {}", ex.getMessage());
				return Mono.empty();
			})
			.then();
		if (!properties.schedule() || pollInterval == null) {
			log.info("Scheduled polling is off ({})", pollInterval == null ? "no scopes configured" : "leakpath.sync.schedule=false");
			interruptedBefore.subscribe();
			return;
		}
		log.info("Polling every {} (first poll in {})", pollInterval, properties.initialDelay());
		schedule = PeriodicLoop.start(log, "Starting a scheduled poll",
				interruptedBefore.thenMany(PeriodicLoop.ticks(properties.initialDelay(), pollInterval)),
				() -> sync.startDue("schedule").doOnNext(trigger -> {
					if (trigger.alreadyRunning()) {
						log.info("Skipped a scheduled poll: run {} is still under way", trigger.runId());
					}
				}));
	}

	@EventListener(ContextClosedEvent.class)
	void stopPolling() {
		Disposable running = schedule;
		if (running != null) {
			running.dispose();
		}
	}

}
