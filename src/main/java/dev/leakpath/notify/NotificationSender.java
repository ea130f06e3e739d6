package dev.leakpath.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Sends due notifications. A claim moves a notification's next attempt past a lease, so a crashed instance's
 * claims come due again and two instances never send one at once. A message that would take its recipient past
 * {@code maxPerRecipientPerHour} in the last hour is not sent: it comes due again when its lease ends, with no
 * attempt counted.
 */
@Component
class NotificationSender {

	private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

	private static final Duration LEASE = Duration.ofMinutes(2);

	private static final String CLAIM = """
			with due as (
			    select id from notification where status = 'pending' and next_attempt_at <= now()
			    order by next_attempt_at, id limit :batch for update skip locked
			), claimed as (
			    update notification n set next_attempt_at = now() + cast(:lease as interval)
			    from due where n.id = due.id
			    returning n.id, n.channel, n.recipient, n.attempts, n.digest
			)
			select c.id, c.channel, c.recipient, c.attempts, c.digest,
			       (select count(*) from notification s where s.recipient = c.recipient and s.status = 'sent'
			          and s.sent_at > now() - interval '1 hour') as sent_last_hour
			from claimed c
			order by c.id
			""";

	private final DatabaseClient db;

	private final NotificationMessages messages;

	private final Map<String, NotificationPublisher> publishers;

	private final NotificationProperties properties;

	private final MeterRegistry meters;

	NotificationSender(DatabaseClient db, NotificationMessages messages, List<NotificationPublisher> publishers,
			NotificationProperties properties, MeterRegistry meters) {
		this.db = db;
		this.messages = messages;
		this.publishers = publishers.stream().collect(Collectors.toMap(NotificationPublisher::channel, Function.identity()));
		this.properties = properties;
		this.meters = meters;
	}

	/** Sends up to {@code batch} due notifications; returns how many were claimed. */
	Mono<Integer> sendBatch(int batch) {
		return db.sql(CLAIM)
			.bind("lease", LEASE.toSeconds() + " seconds")
			.bind("batch", batch)
			.map(row -> new Claimed(row.get("id", Long.class), row.get("channel", String.class),
					row.get("recipient", String.class), row.get("attempts", Integer.class),
					row.get("sent_last_hour", Long.class), row.get("digest", Boolean.class)))
			.all()
			.collectList()
			.flatMap(claimed -> claimed.isEmpty() ? Mono.just(0)
					: messages.forNotifications(claimed.stream().map(Claimed::id).toList())
						.flatMap(byId -> {
							NotificationOutcomes outcomes = new NotificationOutcomes();
							return sendAll(claimed, byId, outcomes).then(Mono.defer(() -> outcomes.write(db)));
						})
						.thenReturn(claimed.size()));
	}

	/** Immediate notifications one by one, digest ones one message per channel and recipient. */
	private Mono<Void> sendAll(List<Claimed> claimed, Map<Long, NotificationMessage> byId,
			NotificationOutcomes outcomes) {
		Map<String, List<Claimed>> digests = new LinkedHashMap<>();
		List<Claimed> immediate = new ArrayList<>();
		for (Claimed one : claimed) {
			if (one.digest()) {
				digests.computeIfAbsent(one.channel() + "\n" + one.recipient(), key -> new ArrayList<>()).add(one);
			}
			else {
				immediate.add(one);
			}
		}
		return Flux
			.concat(Flux.fromIterable(withinRateLimit(immediate)).flatMap(one -> send(List.of(one), byId, outcomes), 8),
					Flux.fromIterable(digests.values()).flatMap(group -> send(group, byId, outcomes), 4))
			.then();
	}

	/**
	 * Sends a group of notifications for one channel and recipient: one message, or a digest of several. All are
	 * sent, or all are tried again.
	 */
	private Mono<Void> send(List<Claimed> group, Map<Long, NotificationMessage> byId, NotificationOutcomes outcomes) {
		Claimed first = group.get(0);
		NotificationPublisher publisher = publishers.get(first.channel());
		if (publisher == null || !publisher.configured()) {
			// planned by an instance that has this channel: another attempt may land there
			failed(group, new DeliveryException(first.channel() + " is not set up on this instance", true, null), outcomes);
			return Mono.empty();
		}
		List<NotificationMessage> items = group.stream().map(claimed -> byId.get(claimed.id()))
			.filter(Objects::nonNull).toList();
		if (items.isEmpty()) {
			group.forEach(claimed -> giveUp(claimed, claimed.attempts() + 1, "its alert or attack path is gone", outcomes));
			return Mono.empty();
		}
		NotificationMessage message = group.size() == 1 ? items.get(0) : messages.digest(items);
		return publisher.publish(message, first.recipient()).then(Mono.fromRunnable(() -> {
			count(first.channel(), "sent");
			group.forEach(claimed -> outcomes.sent(claimed.id()));
		})).onErrorResume(ex -> {
			failed(group, ex, outcomes);
			return Mono.empty();
		}).then();
	}

	private void failed(List<Claimed> group, Throwable ex, NotificationOutcomes outcomes) {
		group.forEach(claimed -> failed(claimed, claimed.attempts() + 1, ex, outcomes));
	}

	/** Postpones what would take a recipient over its hourly limit, counting this batch's own messages too. */
	private List<Claimed> withinRateLimit(List<Claimed> claimed) {
		Map<String, Long> sent = new HashMap<>();
		List<Claimed> allowed = new ArrayList<>();
		for (Claimed notification : claimed) {
			long soFar = sent.merge(notification.recipient(), 1L, Long::sum) - 1 + notification.sentLastHour();
			if (soFar < properties.maxPerRecipientPerHour()) {
				allowed.add(notification);
			}
			else {
				count(notification.channel(), "rate_limited");
			}
		}
		// postponed ones keep their lease: they come due again in LEASE, uncounted
		return allowed;
	}

	private void giveUp(Claimed claimed, int attempt, String error, NotificationOutcomes outcomes) {
		count(claimed.channel(), "failed");
		log.warn("Notification {} ({}) failed for good after {} attempt(s): {}", claimed.id(), claimed.channel(), attempt,
				error);
		outcomes.giveUp(claimed.id(), attempt, error);
	}

	private void failed(Claimed claimed, int attempt, Throwable ex, NotificationOutcomes outcomes) {
		boolean retryable = !(ex instanceof DeliveryException delivery) || delivery.retryable();
		String error = ex instanceof DeliveryException ? ex.getMessage() : ex.getClass().getSimpleName();
		if (!retryable || attempt >= properties.maxAttempts()) {
			giveUp(claimed, attempt, error, outcomes);
			return;
		}
		count(claimed.channel(), "retried");
		Duration wait = backoff(attempt);
		log.info("Notification {} ({}) attempt {} failed, next in {}: {}", claimed.id(), claimed.channel(), attempt, wait,
				error);
		outcomes.retry(claimed.id(), attempt, error, wait);
	}

	private Duration backoff(int attempt) {
		Duration wait = properties.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
		return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
	}

	private void count(String channel, String outcome) {
		meters.counter("leakpath_notifications_total", "channel", channel, "outcome", outcome).increment();
	}

	private record Claimed(long id, String channel, String recipient, int attempts, long sentLastHour,
			boolean digest) {
	}

}
