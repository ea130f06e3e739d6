package dev.leakpath.attackpath;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import dev.leakpath.periodic.PeriodicLoop;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Re-scores the findings whose risk changed with time alone, every {@code leakpath.graph.risk-clock-interval}:
 * a secret whose expiry passed (its paths and alerts gain the {@code expired} factor) and an alert that went
 * past its SLA ({@code past_sla}). No write tells {@link GraphMaintenance} of these, so the clock looks for
 * open findings whose stored factors lag behind, a batch at a time, and re-scores their secrets (or an alert
 * without a secret alone). It also folds the headline's counted changes
 * ({@code headline_count}) into one row per count, so that reading them stays a sum of a few rows.
 */
@Component
class RiskClock {

	private static final Logger log = LoggerFactory.getLogger(RiskClock.class);

	/** Secrets re-scored per transaction: a batch is one page's worth of work. */
	private static final int BATCH = 500;

	private static final String DUE_SECRETS = """
			select s.id from secret s
			where s.expires_at <= now()
			  and exists (select 1 from alert_risk k
			              where k.secret_id = s.id and k.open and not ('expired' = any(k.risk_factors)))
			union
			select k.secret_id from notification_event e
			join alert_risk k on k.alert_id = e.alert_id
			where e.kind = 'alert_sla_breached' and k.open and k.secret_id is not null
			  and not ('past_sla' = any(k.risk_factors))
			limit :batch
			""";

	private static final String DUE_SECRETLESS = """
			select k.alert_id from notification_event e
			join alert_risk k on k.alert_id = e.alert_id
			where e.kind = 'alert_sla_breached' and k.open and k.secret_id is null
			  and not ('past_sla' = any(k.risk_factors))
			limit :batch
			""";

	/**
	 * Rows another instance folds at the same time wait for its delete and are then gone from this one's: no
	 * change is counted twice, and changes written meanwhile stay for the next fold.
	 */
	private static final String FOLD = """
			with gone as (delete from headline_count returning name, delta)
			insert into headline_count (name, delta)
			select name, sum(delta) from gone group by name
			""";

	private final DatabaseClient db;

	private final GraphMaintenance graph;

	private final TransactionalOperator transaction;

	private final GraphProperties properties;

	private volatile Disposable loop;

	RiskClock(DatabaseClient db, GraphMaintenance graph, TransactionalOperator transaction,
			GraphProperties properties) {
		this.db = db;
		this.graph = graph;
		this.transaction = transaction;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		loop = PeriodicLoop.start(log, "Re-scoring findings that expired or went past their SLA",
				properties.riskClockInterval(), properties.riskClockInterval(), this::catchUp);
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable running = loop;
		if (running != null) {
			running.dispose();
		}
	}

	/** Re-scores batches until none is due; returns how many secrets and repositories were re-scored. */
	Mono<Long> catchUp() {
		return batch().expand(count -> count == BATCH ? batch() : Mono.empty())
			.reduce(0L, Long::sum)
			.flatMap(rescored -> db.sql(FOLD).fetch().rowsUpdated().thenReturn(rescored));
	}

	private Mono<Long> batch() {
		return transaction.transactional(ids(DUE_SECRETS).flatMap(secrets -> ids(DUE_SECRETLESS)
			.flatMap(alerts -> graph.secretsChanged(secrets)
				.then(graph.secretlessAlertsChanged(alerts))
				.thenReturn((long) Math.max(secrets.size(), alerts.size())))));
	}

	private Mono<List<Long>> ids(String sql) {
		return db.sql(sql).bind("batch", BATCH).map(row -> row.get(0, Long.class)).all().collectList();
	}

}
