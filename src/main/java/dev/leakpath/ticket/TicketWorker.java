package dev.leakpath.ticket;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import dev.leakpath.periodic.PeriodicLoop;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Every poll interval: plans changed alerts into tickets, then syncs what is due, batch after batch. */
@Component
class TicketWorker {

	private static final Logger log = LoggerFactory.getLogger(TicketWorker.class);

	private final TicketPlanner planner;

	private final TicketSync sync;

	private final TicketProperties properties;

	private volatile Disposable loop;

	TicketWorker(TicketPlanner planner, TicketSync sync, TicketProperties properties) {
		this.planner = planner;
		this.sync = sync;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!properties.active()) {
			log.debug("Tickets are off on this instance (leakpath.tickets.enabled=false, or no rules)");
			return;
		}
		loop = PeriodicLoop.start(log, "Ticket round", Duration.ZERO, properties.pollInterval(), this::round);
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable running = loop;
		if (running != null) {
			running.dispose();
		}
	}

	private Mono<Void> round() {
		int batch = properties.batchSize();
		Mono<Integer> plan = planner.planBatch(batch)
			.expand(planned -> planned < batch ? Mono.empty() : planner.planBatch(batch))
			.reduce(0, Integer::sum);
		Mono<Integer> synced = sync.syncBatch(batch)
			.expand(claimed -> claimed < batch ? Mono.empty() : sync.syncBatch(batch))
			.reduce(0, Integer::sum);
		return planner.queueChanges().then(plan).then(synced).then();
	}

}
