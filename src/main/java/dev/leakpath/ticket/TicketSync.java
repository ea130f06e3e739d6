package dev.leakpath.ticket;

import java.time.Duration;
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

import org.springframework.stereotype.Component;

/**
 * Brings due tickets to the state their alerts call for. A ticket without an issue is looked for at its tracker
 * by its key before one is created (a create whose answer was lost, or an instance that died after it, left one
 * there), and created only while one of its alerts is open; a ticket with an issue is closed when none is open,
 * and reopened when one is again.
 */
@Component
class TicketSync {

	private static final Logger log = LoggerFactory.getLogger(TicketSync.class);

	private final TicketStore store;

	private final TicketContents contents;

	private final Map<String, Tracker> trackers;

	private final TicketProperties properties;

	private final MeterRegistry meters;

	TicketSync(TicketStore store, TicketContents contents, List<Tracker> trackers, TicketProperties properties,
			MeterRegistry meters) {
		this.store = store;
		this.contents = contents;
		this.trackers = trackers.stream().collect(Collectors.toMap(Tracker::channel, Function.identity()));
		this.properties = properties;
		this.meters = meters;
	}

	/** Syncs up to {@code batch} due tickets; returns how many were claimed. */
	Mono<Integer> syncBatch(int batch) {
		Duration lease = properties.lease();
		return store.claim(batch, lease).flatMap(claimed -> {
			Set<Long> syncing = ConcurrentHashMap.newKeySet();
			claimed.forEach(ticket -> syncing.add(ticket.id()));
			Mono<Void> all = Flux.fromIterable(claimed)
				.flatMap(ticket -> sync(ticket).doFinally(signal -> syncing.remove(ticket.id())),
						properties.concurrency())
				.then();
			return LeaseRenewal.whileWorking(log, "Renewing the leases of tickets being synced", lease,
					() -> store.renew(Set.copyOf(syncing), lease), all).thenReturn(claimed.size());
		});
	}

	private Mono<Void> sync(Ticket ticket) {
		Tracker tracker = trackers.get(ticket.channel());
		if (tracker == null || !tracker.configured()) {
			// planned by an instance that has this channel: another attempt may land there
			return failed(ticket, new TicketException(ticket.channel() + " is not set up on this instance", true, null));
		}
		Mono<TrackedIssue> known = ticket.issue() != null ? Mono.just(ticket.issue()) : locate(ticket, tracker);
		return known.flatMap(issue -> issue.open() == ticket.wantOpen() ? Mono.just(issue)
				: tracker.setOpen(ticket, issue, ticket.wantOpen())
					.flatMap(after -> store.issue(ticket.id(), after)
						.doOnSuccess(done -> outcome(ticket, after.open() ? "reopened" : "closed", after))
						.thenReturn(after)))
			.then(Mono.defer(() -> store.synced(ticket)))
			.onErrorResume(ex -> failed(ticket, ex));
	}

	/** The ticket's issue: found by its key, else created while an alert is open; empty when none is needed. */
	private Mono<TrackedIssue> locate(Ticket ticket, Tracker tracker) {
		if (!ticket.wantOpen() && ticket.createAttemptedAt() == null) {
			// resolved before a ticket was ever asked for: there is nothing to close
			return Mono.empty();
		}
		return tracker.find(ticket)
			.doOnNext(found -> outcome(ticket, "found", found))
			.switchIfEmpty(Mono.defer(() -> ticket.wantOpen() ? create(ticket, tracker) : Mono.empty()))
			.flatMap(issue -> store.issue(ticket.id(), issue).thenReturn(issue));
	}

	private Mono<TrackedIssue> create(Ticket ticket, Tracker tracker) {
		if (ticket.rule() == null) {
			return Mono.error(new TicketException("rule '" + ticket.ruleName() + "' is no longer configured", false, null));
		}
		return contents.forTicket(ticket)
			.switchIfEmpty(Mono.error(new TicketException("its alerts are gone", false, null)))
			.flatMap(content -> store.createAttempted(ticket.id()).then(tracker.create(ticket, content)))
			.doOnNext(created -> outcome(ticket, "created", created));
	}

	private Mono<Void> failed(Ticket ticket, Throwable ex) {
		int attempt = ticket.attempts() + 1;
		boolean retryable = !(ex instanceof TicketException failure) || failure.retryable();
		String error = ex instanceof TicketException ? ex.getMessage() : ex.getClass().getSimpleName();
		boolean last = !retryable || attempt >= properties.maxAttempts();
		Duration wait = backoff(attempt, ex instanceof TicketException failure ? failure.retryAfter() : null);
		count(ticket.channel(), last ? "failed" : "retried");
		if (last) {
			log.warn("Ticket {} ({}, rule {}) failed for good after {} attempt(s): {}", ticket.id(), ticket.channel(),
					ticket.ruleName(), attempt, error);
		}
		else {
			log.info("Ticket {} ({}) attempt {} failed, next in {}: {}", ticket.id(), ticket.channel(), attempt, wait,
					error);
		}
		return store.failed(ticket, attempt, error, last, wait);
	}

	/** Doubling from {@code initial-backoff} to {@code max-backoff}; a tracker's longer {@code Retry-After} wins. */
	private Duration backoff(int attempt, Duration retryAfter) {
		Duration wait = properties.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
		wait = wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
		return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
	}

	private void outcome(Ticket ticket, String outcome, TrackedIssue issue) {
		count(ticket.channel(), outcome);
		log.info("Ticket {} ({}, rule {}) {} as {}", ticket.id(), ticket.channel(), ticket.ruleName(), outcome,
				issue.externalId());
	}

	private void count(String channel, String outcome) {
		meters.counter("leakpath_tickets_total", "channel", channel, "outcome", outcome).increment();
	}

}
