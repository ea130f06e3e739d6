package dev.leakpath.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.periodic.LeaseRenewal;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Sends due notifications. A claim moves a notification's next attempt past a lease, so a crashed instance's
 * claims come due again and two instances never send one at once. A message that would take its recipient past
 * {@code maxPerRecipientPerHour} in the last hour is not sent: it comes due again when its lease ends, with no
 * attempt counted. The lease is renewed while its notification is being sent, so a slow SMTP server or channel
 * never lets another instance send it a second time.
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
			.flatMap(claimed -> {
				Set<Long> sending = ConcurrentHashMap.newKeySet();
				claimed.forEach(one -> sending.add(one.id()));
				return LeaseRenewal.whileWorking(log, "Renewing the leases of notifications being sent", LEASE,
						() -> renew(sending), sendAll(claimed, sending)).thenReturn(claimed.size());
			});
	}

	/**
	 * Only notifications still being sent: one already sent or failed keeps the time its outcome set, and one
	 * postponed by the recipient's hourly limit keeps its lease as its wait.
	 */
	private Mono<Void> renew(Set<Long> sending) {
		if (sending.isEmpty()) {
			return Mono.empty();
		}
		return db.sql("update notification set next_attempt_at = now() + cast(:lease as interval) "
				+ "where id = any(:ids) and status = 'pending'")
			.bind("lease", LEASE.toSeconds() + " seconds")
			.bind("ids", sending.toArray(Long[]::new))
			.then();
	}

	/** Immediate notifications one by one, digest ones one message per channel and recipient. */
	private Mono<Void> sendAll(List<Claimed> claimed, Set<Long> sending) {
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
		List<Claimed> allowed = withinRateLimit(immediate);
		immediate.stream().filter(one -> !allowed.contains(one)).forEach(postponed -> sending.remove(postponed.id()));
		return Flux.concat(Flux.fromIterable(allowed).flatMap(one -> send(List.of(one), sending), 8),
				Flux.fromIterable(digests.values()).flatMap(group -> send(group, sending), 4))
			.then();
	}

	/**
	 * Sends a group of notifications for one channel and recipient: one message, or a digest of several. All are
	 * sent, or all are tried again.
	 */
	private Mono<Void> send(List<Claimed> group, Set<Long> sending) {
		return send(group).doFinally(signal -> group.forEach(one -> sending.remove(one.id())));
	}

	private Mono<Void> send(List<Claimed> group) {
		Claimed first = group.get(0);
		NotificationPublisher publisher = publishers.get(first.channel());
		if (publisher == null || !publisher.configured()) {
			// planned by an instance that has this channel: another attempt may land there
			return failed(group, new DeliveryException(first.channel() + " is not set up on this instance", true, null));
		}
		return Flux.fromIterable(group)
			.concatMap(claimed -> messages.forNotification(claimed.id()))
			.collectList()
			.flatMap(items -> {
				if (items.isEmpty()) {
					return Flux.fromIterable(group)
						.concatMap(claimed -> giveUp(claimed, claimed.attempts() + 1, "its alert or attack path is gone"))
						.then();
				}
				NotificationMessage message = group.size() == 1 ? items.get(0) : messages.digest(items);
				return publisher.publish(message, first.recipient()).then(Mono.defer(() -> sent(group)));
			})
			.onErrorResume(ex -> failed(group, ex));
	}

	private Mono<Void> sent(List<Claimed> group) {
		count(group.get(0).channel(), "sent");
		return db.sql("update notification set status = 'sent', attempts = attempts + 1, sent_at = now(), "
				+ "last_error = null where id = any(:ids)")
			.bind("ids", group.stream().map(Claimed::id).toArray(Long[]::new))
			.then();
	}

	private Mono<Void> failed(List<Claimed> group, Throwable ex) {
		return Flux.fromIterable(group).concatMap(claimed -> failed(claimed, claimed.attempts() + 1, ex)).then();
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

	private Mono<Void> giveUp(Claimed claimed, int attempt, String error) {
		count(claimed.channel(), "failed");
		log.warn("Notification {} ({}) failed for good after {} attempt(s): {}", claimed.id(), claimed.channel(), attempt,
				error);
		return db.sql("update notification set status = 'failed', attempts = :attempt, last_error = :error where id = :id")
			.bind("attempt", attempt)
			.bind("error", error)
			.bind("id", claimed.id())
			.then();
	}

	private Mono<Void> failed(Claimed claimed, int attempt, Throwable ex) {
		boolean retryable = !(ex instanceof DeliveryException delivery) || delivery.retryable();
		String error = ex instanceof DeliveryException ? ex.getMessage() : ex.getClass().getSimpleName();
		if (!retryable || attempt >= properties.maxAttempts()) {
			return giveUp(claimed, attempt, error);
		}
		count(claimed.channel(), "retried");
		Duration wait = backoff(attempt);
		log.info("Notification {} ({}) attempt {} failed, next in {}: {}", claimed.id(), claimed.channel(), attempt, wait,
				error);
		return db.sql("update notification set attempts = :attempt, last_error = :error, "
				+ "next_attempt_at = now() + cast(:wait as interval) where id = :id")
			.bind("attempt", attempt)
			.bind("error", error)
			.bind("wait", wait.toMillis() + " milliseconds")
			.bind("id", claimed.id())
			.then();
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
