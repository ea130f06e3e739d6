package dev.leakpath.notify;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.leakpath.notify.NotificationRules.Delivery;
import dev.leakpath.notify.NotificationRules.PlannedEvent;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Turns new events into pending notifications, in one transaction per batch: events are claimed with
 * {@code skip locked}, so several instances never plan one twice, and a delivery already planned for an event,
 * channel and recipient is not planned again.
 */
@Component
class NotificationPlanner {

	private static final String CLAIM = """
			select e.id, e.kind, e.risk_level, r.provider, r.organization, r.full_name,
			       (select array_agg(o.owner order by o.position) from repository_owner o
			        where o.repository_id = e.repository_id) as owners
			from notification_event e
			join repository r on r.id = e.repository_id
			where e.planned_at is null
			  -- owners are read just after a sync stores alerts: wait for them, up to owner-wait
			  and (e.occurred_at < now() - cast(:ownerWait as interval)
			       or exists (select 1 from repository_owner o where o.repository_id = e.repository_id))
			order by e.id
			limit :batch
			for update of e skip locked
			""";

	private static final String INSERT = """
			insert into notification (event_id, rule_name, channel, recipient, digest, next_attempt_at)
			select d.event_id, d.rule_name, d.channel, d.recipient, d.digest,
			       case when d.digest then cast(:nextDigest as timestamptz) else now() end
			from unnest(cast(:events as bigint[]), cast(:rules as text[]), cast(:channels as text[]),
			            cast(:recipients as text[]), cast(:digests as boolean[]))
			     as d(event_id, rule_name, channel, recipient, digest)
			on conflict (event_id, channel, recipient) do nothing
			""";

	private final DatabaseClient db;

	private final NotificationRuleStore rules;

	private final TransactionalOperator transaction;

	private final NotificationProperties properties;

	private final Clock clock;

	NotificationPlanner(DatabaseClient db, NotificationRuleStore rules, TransactionalOperator transaction,
			NotificationProperties properties, Clock clock) {
		this.db = db;
		this.properties = properties;
		this.clock = clock;
		this.rules = rules;
		this.transaction = transaction;
	}

	/** Plans up to {@code batch} events; returns how many were claimed. */
	Mono<Integer> planBatch(int batch) {
		return transaction.transactional(db.sql(CLAIM)
			.bind("batch", batch)
			.bind("ownerWait", properties.ownerWait().toMillis() + " milliseconds")
			.map(row -> {
				String[] owners = row.get("owners", String[].class);
				return new PlannedEvent(row.get("id", Long.class), row.get("kind", String.class),
						row.get("risk_level", String.class), row.get("provider", String.class),
						row.get("organization", String.class), row.get("full_name", String.class),
						owners == null ? List.of() : List.of(owners));
			})
			.all()
			.collectList()
			.flatMap(events -> events.isEmpty() ? Mono.just(0)
					: rules.evaluated().flatMap(all -> plan(all, events)).thenReturn(events.size())));
	}

	private Mono<Void> plan(List<NotificationRule> all, List<PlannedEvent> events) {
		List<Delivery> deliveries = new ArrayList<>();
		events.forEach(event -> deliveries.addAll(NotificationRules.deliveries(all, event)));
		Mono<Void> insert = deliveries.isEmpty() ? Mono.empty()
				: db.sql(INSERT)
					.bind("events", deliveries.stream().map(Delivery::eventId).toArray(Long[]::new))
					.bind("rules", deliveries.stream().map(Delivery::rule).toArray(String[]::new))
					.bind("channels", deliveries.stream().map(Delivery::channel).toArray(String[]::new))
					.bind("recipients", deliveries.stream().map(Delivery::recipient).toArray(String[]::new))
					.bind("digests", deliveries.stream().map(Delivery::digest).toArray(Boolean[]::new))
					.bind("nextDigest", properties.digest().next(clock.instant()).atOffset(ZoneOffset.UTC))
					.then();
		return insert.then(db.sql("update notification_event set planned_at = now() where id = any(:ids)")
			.bind("ids", events.stream().map(PlannedEvent::id).toArray(Long[]::new))
			.then());
	}

}
