package dev.leakpath.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.leakpath.ingest.AlertRefresher;
import dev.leakpath.periodic.LeaseRenewal;
import dev.leakpath.periodic.PeriodicLoop;
import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.webhook.WebhookInbox.ClaimedDelivery;
import dev.leakpath.webhook.WebhookInbox.Failure;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Processes the inbox: claims due deliveries, re-reads each named alert once however many deliveries name
 * it, stores the alerts through the polling code path, and marks the deliveries done. A failed delivery is
 * tried again with back-off and parked as failed after the last attempt.
 */
@Component
class WebhookWorker {

	private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);

	private static final Duration PRUNE_EVERY = Duration.ofHours(1);

	/** Wake-ups within this window make one claim: a burst of deliveries is processed in a few big batches. */
	private static final Duration WAKE_UP_WINDOW = Duration.ofMillis(50);

	private final WebhookInbox inbox;

	private final AlertRefresher refresher;

	private final WebhookProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Sinks.Many<Boolean> wakeUps = Sinks.many().unicast().onBackpressureBuffer();

	private volatile Disposable loop;

	private volatile Instant lastPrune = Instant.MIN;

	WebhookWorker(WebhookInbox inbox, AlertRefresher refresher, WebhookProperties properties, Clock clock,
			MeterRegistry meters) {
		this.inbox = inbox;
		this.refresher = refresher;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/** Asks for the inbox to be looked at now rather than at the next poll. */
	void wakeUp() {
		if (loop != null) {
			// a failed emission means another thread is emitting a wake-up right now: one is enough
			wakeUps.tryEmitNext(Boolean.TRUE);
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!properties.worker().enabled()) {
			log.info("Webhook worker is off (leakpath.webhooks.worker.enabled=false): deliveries are only stored here");
			return;
		}
		loop = PeriodicLoop.start(log, "Processing the webhook inbox",
				Flux.merge(PeriodicLoop.ticks(Duration.ZERO, properties.worker().pollInterval()),
						wakeUps.asFlux().sample(WAKE_UP_WINDOW)),
				() -> drain().then(pruneWhenDue()));
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable running = loop;
		if (running != null) {
			running.dispose();
		}
	}

	/** Processes due deliveries until none is left; returns how many were claimed. */
	Mono<Integer> drain() {
		int batchSize = properties.worker().batchSize();
		return claimAndProcess()
			.expand(claimed -> claimed < batchSize ? Mono.empty() : claimAndProcess())
			.reduce(0, Integer::sum);
	}

	/** The lease is renewed while the batch is processed: a re-read may wait long on a provider's rate limit. */
	private Mono<Integer> claimAndProcess() {
		Duration lease = properties.worker().lease();
		return inbox.claim(properties.worker().batchSize(), lease)
			.flatMap(batch -> LeaseRenewal.whileWorking(log, "Renewing the leases of claimed webhook deliveries", lease,
					() -> inbox.renew(batch, lease), process(batch))
				.thenReturn(batch.size()));
	}

	private Mono<Void> process(List<ClaimedDelivery> batch) {
		if (batch.isEmpty()) {
			return Mono.empty();
		}
		Map<AlertKey, List<ClaimedDelivery>> byAlert = new LinkedHashMap<>();
		batch.forEach(claimed -> byAlert.computeIfAbsent(AlertKey.of(claimed.delivery()), key -> new ArrayList<>())
			.add(claimed));
		return Flux.fromIterable(byAlert.entrySet())
			.flatMap(entry -> refresher.fetch(entry.getKey().provider(), entry.getValue().get(0).delivery().reference())
				.map(alert -> Fetched.of(entry.getKey(), entry.getValue(), alert))
				.defaultIfEmpty(Fetched.gone(entry.getKey(), entry.getValue()))
				.onErrorResume(ex -> Mono.just(Fetched.failed(entry.getKey(), entry.getValue(), ex))),
					properties.worker().concurrency())
			.collectList()
			.flatMap(this::store);
	}

	private Mono<Void> store(List<Fetched> fetched) {
		Map<String, List<Fetched>> byScope = new LinkedHashMap<>();
		List<Fetched> failed = new ArrayList<>();
		List<Long> done = new ArrayList<>();
		for (Fetched result : fetched) {
			if (result.error() != null) {
				failed.add(result);
			}
			else if (result.alert().isEmpty()) {
				log.info("{} alert {} {} named by a webhook no longer exists; nothing to store", result.key().provider(),
						result.key().repository(), result.key().alertId());
				count(result, "gone");
				result.deliveries().forEach(claimed -> done.add(claimed.id()));
			}
			else {
				byScope.computeIfAbsent(result.key().provider() + "\n" + result.key().scope(), key -> new ArrayList<>())
					.add(result);
			}
		}
		return Flux.fromIterable(byScope.values())
			.concatMap(group -> {
				Fetched first = group.get(0);
				List<NormalizedAlert> alerts = group.stream().map(result -> result.alert().get()).toList();
				return refresher.store(first.key().provider(), first.key().scope(), alerts).then(Mono.fromRunnable(() -> {
					group.forEach(result -> {
						count(result, "stored");
						result.deliveries().forEach(claimed -> {
							done.add(claimed.id());
							meters.timer("leakpath.webhook.visible.latency", "provider", result.key().provider())
								.record(Duration.between(claimed.receivedAt(), clock.instant()).toMillis(), TimeUnit.MILLISECONDS);
						});
					});
				})).onErrorResume(ex -> {
					group.forEach(result -> failed.add(result.failedWith(ex)));
					return Mono.empty();
				});
			})
			.then(Mono.defer(() -> inbox.complete(done)))
			.then(Mono.defer(() -> fail(failed)));
	}

	private Mono<Void> fail(List<Fetched> failed) {
		List<Failure> retries = new ArrayList<>();
		List<Failure> parked = new ArrayList<>();
		for (Fetched result : failed) {
			String error = WebhookInbox.truncate(result.error().getMessage());
			for (ClaimedDelivery claimed : result.deliveries()) {
				boolean last = claimed.attempts() >= properties.worker().maxAttempts();
				Duration wait = properties.worker().backoff(claimed.attempts());
				(last ? parked : retries).add(new Failure(claimed.id(), error, wait));
				if (last) {
					log.warn("{} webhook delivery {} parked after {} attempts: {}", result.key().provider(),
							claimed.delivery().deliveryId(), claimed.attempts(), error);
				}
				else {
					log.info("{} webhook delivery {} failed (attempt {}), next try in {}: {}", result.key().provider(),
							claimed.delivery().deliveryId(), claimed.attempts(), wait, error);
				}
			}
			count(result, "failed");
		}
		return inbox.retry(retries).then(inbox.park(parked));
	}

	private Mono<Void> pruneWhenDue() {
		Instant now = clock.instant();
		if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) < 0) {
			return Mono.empty();
		}
		lastPrune = now;
		return inbox.prune(now.minus(properties.retention())).doOnNext(count -> {
			if (count > 0) {
				log.info("Removed {} processed webhook deliveries older than {}", count, properties.retention());
			}
		}).then();
	}

	private void count(Fetched result, String outcome) {
		meters.counter("leakpath.webhook.processed", "provider", result.key().provider(), "outcome", outcome)
			.increment(result.deliveries().size());
	}

	private record AlertKey(String provider, String scope, String repository, String alertId) {

		static AlertKey of(InboundDelivery delivery) {
			return new AlertKey(delivery.provider(), delivery.scope(), delivery.repository(), delivery.alertId());
		}

	}

	/** What re-reading one alert gave: the alert, nothing (it is gone), or an error. */
	private record Fetched(AlertKey key, List<ClaimedDelivery> deliveries, Optional<NormalizedAlert> alert,
			Throwable error) {

		static Fetched of(AlertKey key, List<ClaimedDelivery> deliveries, NormalizedAlert alert) {
			return new Fetched(key, deliveries, Optional.of(alert), null);
		}

		static Fetched gone(AlertKey key, List<ClaimedDelivery> deliveries) {
			return new Fetched(key, deliveries, Optional.empty(), null);
		}

		static Fetched failed(AlertKey key, List<ClaimedDelivery> deliveries, Throwable error) {
			return new Fetched(key, deliveries, Optional.empty(), error);
		}

		Fetched failedWith(Throwable error) {
			return failed(key, deliveries, error);
		}

	}

}
