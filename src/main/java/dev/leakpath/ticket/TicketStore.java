package dev.leakpath.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The worker's reads and writes of tickets. A claim leases a due ticket to this instance ({@code leased_until}),
 * so two instances never sync one at once and a crashed instance's claims come due again when their lease ends;
 * a planning that bumps a leased ticket leaves its lease alone. What the tracker answered is written as soon as it
 * answers: an issue's key right after it is created.
 */
@Component
class TicketStore {

	private static final String CLAIM = """
			with due as (
			    select id from ticket
			    where status = 'pending' and next_attempt_at <= now() and (leased_until is null or leased_until < now())
			    order by next_attempt_at, id
			    limit :batch
			    for update skip locked
			), claimed as (
			    update ticket t set leased_until = now() + cast(:lease as interval)
			    from due where t.id = due.id
			    returning t.*
			)
			select c.id, c.version, c.rule_name, c.channel, c.ticket_key, c.scope, r.full_name, c.external_id,
			       c.external_url, c.tracker_state, c.create_attempted_at, c.created_at, c.attempts,
			       exists (select 1 from ticket_alert ta join alert a on a.id = ta.alert_id
			               where ta.ticket_id = c.id and a.state = 'open') as want_open,
			       coalesce((select bool_or(a.resolution in ('revoked', 'fixed')) from ticket_alert ta
			                 join alert a on a.id = ta.alert_id where ta.ticket_id = c.id), false) as fixed
			from claimed c
			join repository r on r.id = c.repository_id
			order by c.id
			""";

	private final DatabaseClient db;

	private final TicketRules rules;

	TicketStore(DatabaseClient db, TicketRules rules) {
		this.db = db;
		this.rules = rules;
	}

	Mono<List<Ticket>> claim(int batch, Duration lease) {
		return db.sql(CLAIM)
			.bind("batch", batch)
			.bind("lease", lease.toMillis() + " milliseconds")
			.map(this::ticket)
			.all()
			.collectList();
	}

	/** Only tickets still being synced: one done keeps the outcome it wrote. */
	Mono<Void> renew(Collection<Long> ids, Duration lease) {
		if (ids.isEmpty()) {
			return Mono.empty();
		}
		return db.sql("update ticket set leased_until = now() + cast(:lease as interval) "
				+ "where id = any(:ids) and leased_until is not null")
			.bind("lease", lease.toMillis() + " milliseconds")
			.bind("ids", ids.toArray(Long[]::new))
			.then();
	}

	/** Before a create is sent: from now on, a ticket whose alerts resolve is looked for before it is let be. */
	Mono<Void> createAttempted(long id) {
		return db.sql("update ticket set create_attempted_at = coalesce(create_attempted_at, now()) where id = :id")
			.bind("id", id)
			.then();
	}

	Mono<Void> issue(long id, TrackedIssue issue) {
		return db.sql("update ticket set external_id = :externalId, external_url = :url, tracker_state = :state "
				+ "where id = :id")
			.bind("externalId", issue.externalId())
			.bind("url", issue.url() == null ? "" : issue.url())
			.bind("state", issue.open() ? "open" : "closed")
			.bind("id", id)
			.then();
	}

	/** Synced at the version claimed; a ticket planned again meanwhile stays due. */
	Mono<Void> synced(Ticket ticket) {
		return db.sql("""
				update ticket set leased_until = null, last_error = null, synced_at = now(), attempts = attempts + 1,
				       status = case when version = :version then 'synced' else 'pending' end
				where id = :id
				""")
			.bind("version", ticket.version())
			.bind("id", ticket.id())
			.then();
	}

	/** Tried again after {@code wait}, or failed for good when {@code last}. */
	Mono<Void> failed(Ticket ticket, int attempt, String error, boolean last, Duration wait) {
		return db.sql("""
				update ticket set leased_until = null, attempts = :attempt, last_error = :error,
				       next_attempt_at = now() + cast(:wait as interval),
				       status = case when :last and version = :version then 'failed' else 'pending' end
				where id = :id
				""")
			.bind("attempt", attempt)
			.bind("error", error)
			.bind("wait", wait.toMillis() + " milliseconds")
			.bind("last", last)
			.bind("version", ticket.version())
			.bind("id", ticket.id())
			.then();
	}

	private Ticket ticket(Readable row) {
		String ruleName = row.get("rule_name", String.class);
		return new Ticket(row.get("id", Long.class), row.get("version", Long.class),
				rules.named(ruleName).orElse(null), ruleName, row.get("channel", String.class),
				row.get("ticket_key", String.class), row.get("scope", String.class), row.get("full_name", String.class),
				row.get("external_id", String.class), row.get("external_url", String.class),
				row.get("tracker_state", String.class), row.get("create_attempted_at", Instant.class),
				row.get("created_at", Instant.class), row.get("attempts", Integer.class),
				Boolean.TRUE.equals(row.get("want_open", Boolean.class)),
				Boolean.TRUE.equals(row.get("fixed", Boolean.class)) ? "completed" : "not_planned");
	}

}
