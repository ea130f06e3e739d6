package dev.leakpath.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.PollPacing;

import org.springframework.stereotype.Component;

/**
 * A provider whose webhooks delivered within {@code leakpath.webhooks.healthy-window} is polled every
 * {@code reconcile-interval} instead of its poll interval; polling still heals missed deliveries.
 */
@Component
class WebhookPollPacing implements PollPacing {

	private static final Logger log = LoggerFactory.getLogger(WebhookPollPacing.class);

	private final WebhookInbox inbox;

	private final WebhookProperties properties;

	private final Clock clock;

	private final Map<String, Boolean> healthy = new ConcurrentHashMap<>();

	WebhookPollPacing(WebhookInbox inbox, WebhookProperties properties, Clock clock) {
		this.inbox = inbox;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Mono<Duration> interval(String provider, Duration pollInterval) {
		Duration reconcile = properties.reconcileInterval().compareTo(pollInterval) > 0 ? properties.reconcileInterval()
				: pollInterval;
		return inbox.lastReceived(provider)
			.map(last -> !last.isBefore(clock.instant().minus(properties.healthyWindow())))
			.defaultIfEmpty(false)
			.onErrorReturn(false)
			.doOnNext(nowHealthy -> {
				Boolean before = healthy.put(provider, nowHealthy);
				if (nowHealthy && !Boolean.TRUE.equals(before)) {
					log.info("{} webhooks are delivering: polling every {} instead of {}", provider, reconcile, pollInterval);
				}
				else if (!nowHealthy && Boolean.TRUE.equals(before)) {
					log.info("{} webhooks quiet for {}: polling every {} again", provider, properties.healthyWindow(),
							pollInterval);
				}
			})
			.map(nowHealthy -> nowHealthy ? reconcile : pollInterval);
	}

}
