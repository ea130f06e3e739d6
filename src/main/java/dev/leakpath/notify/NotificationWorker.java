package dev.leakpath.notify;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Every poll interval: plans new events into notifications, then sends what is due, batch after batch. */
@Component
class NotificationWorker {

	private static final Logger log = LoggerFactory.getLogger(NotificationWorker.class);

	private final NotificationPlanner planner;

	private final NotificationSender sender;

	private final NotificationProperties properties;

	private volatile Disposable loop;

	NotificationWorker(NotificationPlanner planner, NotificationSender sender, NotificationProperties properties) {
		this.planner = planner;
		this.sender = sender;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!properties.enabled()) {
			log.info("Notifications are off (leakpath.notifications.enabled=false) on this instance");
			return;
		}
		loop = Flux.interval(Duration.ZERO, properties.pollInterval())
			.onBackpressureDrop()
			.concatMap(tick -> round().onErrorResume(ex -> {
				log.warn("Notification round failed, trying again: {}", ex.getMessage());
				return Mono.empty();
			}), 1)
			.subscribe(null, ex -> log.error("Notification worker stopped", ex));
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
		return plan.then(send).then();
	}

}
