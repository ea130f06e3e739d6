package dev.leakpath.ticket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Turns changed alerts into tickets to sync, in one transaction per batch: changes are claimed with
 * {@code skip locked}, so several instances never plan one twice. An alert that opens gets the ticket of each rule
 * it matches (an existing one when its key is taken: the same alert again, or another alert of the same secret),
 * and every ticket of a changed alert is due again at a new version. The ticket row and its link are written in
 * the transaction that deletes the change, so a crash loses neither.
 */
@Component
class TicketPlanner {

	private static final String CLAIM = """
			select c.alert_id, a.state, a.provider, r.organization, r.full_name, a.repository_id, a.provider_alert_id,
			       a.secret_type, s.fingerprint, coalesce(ar.risk_level, 'low') as risk_level
			from ticket_alert_change c
			join alert a on a.id = c.alert_id
			join repository r on r.id = a.repository_id
			left join secret s on s.id = a.secret_id
			left join alert_risk ar on ar.alert_id = a.id
			order by c.alert_id
			limit :batch
			for update of c skip locked
			""";

	// in key order, so that two planners sharing a secret's ticket lock it in the same order
	private static final String UPSERT = """
			with wanted as (
			    select * from unnest(cast(:rules as text[]), cast(:channels as text[]), cast(:keys as text[]),
			                         cast(:scopes as text[]), cast(:repositories as bigint[]), cast(:alerts as bigint[]))
			         as w(rule_name, channel, ticket_key, scope, repository_id, alert_id)
			), upserted as (
			    insert into ticket (rule_name, channel, ticket_key, scope, repository_id)
			    select distinct on (rule_name, ticket_key) rule_name, channel, ticket_key, scope, repository_id
			    from wanted order by rule_name, ticket_key, alert_id
			    on conflict (rule_name, ticket_key) do update
			        set version = ticket.version + 1, status = 'pending', attempts = 0, last_error = null,
			            next_attempt_at = now()
			    returning id, rule_name, ticket_key
			)
			insert into ticket_alert (ticket_id, alert_id)
			select u.id, w.alert_id from upserted u join wanted w using (rule_name, ticket_key)
			on conflict do nothing
			""";

	// a resolved (or reopened) alert's tickets are due again; the lease of one being synced stays as it is
	private static final String BUMP = """
			update ticket t
			set version = t.version + 1, status = 'pending', attempts = 0, last_error = null, next_attempt_at = now()
			where t.id in (select ta.ticket_id from ticket_alert ta where ta.alert_id = any(:alerts))
			""";

	private final DatabaseClient db;

	private final TicketRules rules;

	private final TransactionalOperator transaction;

	TicketPlanner(DatabaseClient db, TicketRules rules, TransactionalOperator transaction) {
		this.db = db;
		this.rules = rules;
		this.transaction = transaction;
	}

	/**
	 * Asks the database to queue alert changes (it queues none before an instance with ticket rules asked): written
	 * at every round, so that it is back at once should the table have been emptied.
	 */
	Mono<Void> queueChanges() {
		return db.sql("insert into ticket_planning (enabled) values (true) on conflict do nothing").then();
	}

	/** Plans up to {@code batch} changed alerts; returns how many were claimed. */
	Mono<Integer> planBatch(int batch) {
		return transaction.transactional(db.sql(CLAIM)
			.bind("batch", batch)
			.map(row -> new ChangedAlert(row.get("alert_id", Long.class), "open".equals(row.get("state", String.class)),
					row.get("provider", String.class), row.get("organization", String.class),
					row.get("full_name", String.class), row.get("repository_id", Long.class),
					row.get("provider_alert_id", String.class), row.get("secret_type", String.class),
					row.get("fingerprint", String.class), row.get("risk_level", String.class)))
			.all()
			.collectList()
			.flatMap(changed -> changed.isEmpty() ? Mono.just(0) : plan(changed).thenReturn(changed.size())));
	}

	private Mono<Void> plan(List<ChangedAlert> changed) {
		List<Wanted> wanted = new ArrayList<>();
		for (ChangedAlert alert : changed) {
			if (alert.open()) {
				rules.matching(alert).forEach(rule -> wanted.add(Wanted.of(rule, alert)));
			}
		}
		Long[] alertIds = changed.stream().map(ChangedAlert::alertId).toArray(Long[]::new);
		return upsert(wanted).then(db.sql(BUMP).bind("alerts", alertIds).then())
			.then(db.sql("delete from ticket_alert_change where alert_id = any(:alerts)").bind("alerts", alertIds).then());
	}

	/** Writes these tickets and their links, or makes the existing ones of their keys due again. */
	Mono<Void> upsert(List<Wanted> tickets) {
		if (tickets.isEmpty()) {
			return Mono.empty();
		}
		List<Wanted> wanted = new ArrayList<>(tickets);
		wanted.sort(Comparator.comparing(Wanted::rule).thenComparing(Wanted::key));
		return db.sql(UPSERT)
			.bind("rules", wanted.stream().map(Wanted::rule).toArray(String[]::new))
			.bind("channels", wanted.stream().map(Wanted::channel).toArray(String[]::new))
			.bind("keys", wanted.stream().map(Wanted::key).toArray(String[]::new))
			.bind("scopes", wanted.stream().map(Wanted::scope).toArray(String[]::new))
			.bind("repositories", wanted.stream().map(Wanted::repositoryId).toArray(Long[]::new))
			.bind("alerts", wanted.stream().map(Wanted::alertId).toArray(Long[]::new))
			.then();
	}

	/** The ticket of a rule for an alert, by its key. */
	record Wanted(String rule, String channel, String key, String scope, long repositoryId, long alertId) {

		static Wanted of(TicketRule rule, ChangedAlert alert) {
			return new Wanted(rule.name(), rule.channel(), TicketKeys.key(rule, alert), TicketKeys.scope(rule, alert),
					alert.repositoryId(), alert.alertId());
		}

	}

}
