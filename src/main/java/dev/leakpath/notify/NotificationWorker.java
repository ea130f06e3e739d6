package dev.leakpath.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import dev.leakpath.periodic.PeriodicLoop;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every poll interval: records deadline breaches and prunes old events (every SLA check interval), plans new
 * events into notifications, then sends what is due, batch after batch.
 */
@Component
class NotificationWorker {

	private static final Logger log = LoggerFactory.getLogger(NotificationWorker.class);

	private final NotificationPlanner planner;

	private final NotificationSender sender;

	private final SlaCheck slas;

	private final NotificationRetention retention;

	private final NotificationProperties properties;

	private final Clock clock;

	private volatile Disposable loop;

	private volatile Instant lastSlaCheck = Instant.MIN;

	NotificationWorker(NotificationPlanner planner, NotificationSender sender, SlaCheck slas,
			NotificationRetention retention, NotificationProperties properties, Clock clock) {
		this.planner = planner;
		this.sender = sender;
		this.slas = slas;
		this.retention = retention;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!properties.enabled()) {
			log.info("Notifications are off (leakpath.notifications.enabled=false) on this instance");
			return;
		}
		loop = PeriodicLoop.start(log, "Notification round", Duration.ZERO, properties.pollInterval(), this::round);
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
		Mono<Integer> send = sender.sendBatch(batch)
			.expand(sent -> sent < batch ? Mono.empty() : sender.sendBatch(batch))
			.reduce(0, Integer::sum);
		return slaCheckWhenDue().then(plan).then(send).then();
	}

	private Mono<Void> slaCheckWhenDue() {
		Instant now = clock.instant();
		if (lastSlaCheck.plus(properties.slaCheckInterval()).isAfter(now)) {
			return Mono.empty();
		}
		lastSlaCheck = now;
		return slas.record()
			.doOnNext(breached -> {
				if (breached > 0) {
					log.info("{} open alert(s) passed their deadline", breached);
				}
			})
			.then(retention.prune())
			.doOnNext(pruned -> {
				if (pruned > 0) {
					log.info("Deleted {} notification event(s) older than {}", pruned, properties.retention());
				}
			})
			.then();
	}

}
