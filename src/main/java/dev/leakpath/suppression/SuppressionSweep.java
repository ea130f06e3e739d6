package dev.leakpath.suppression;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.audit.AuditOrigin;
import dev.leakpath.periodic.PeriodicLoop;
import dev.leakpath.security.TriageScope;
import dev.leakpath.triage.TriageAction;
import dev.leakpath.triage.TriageCommands;
import dev.leakpath.triage.TriageOrder;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Every {@code leakpath.suppression.interval}, dismisses the open alerts each live rule matches and has not
 * dismissed since they last changed, as a triage command of source {@code rule:<name>}: the triage worker writes
 * it to the provider, with its retries, rate-limit waits and conflict checks, and the next poll confirms it. An
 * alert reopened by a person or re-created by a rescan is open again and changed, so the next sweep dismisses it
 * again. One instance sweeps at a time (a transaction-scoped advisory lock), so no alert is dismissed twice.
 */
@Component
class SuppressionSweep {

	private static final Logger log = LoggerFactory.getLogger(SuppressionSweep.class);

	/** pg_advisory_xact_lock's key for the sweep: any constant no other feature uses. */
	private static final long LOCK = 0x5355505052455353L;

	/** Alerts one rule dismisses per sweep, well under a triage command's cap; the rest wait for the next. */
	static final int MAX_PER_SWEEP = 5_000;

	private final SuppressionProperties properties;

	private final SuppressionRules rules;

	private final SuppressionMatcher matcher;

	private final TriageCommands commands;

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private volatile Disposable loop;

	SuppressionSweep(SuppressionProperties properties, SuppressionRules rules, SuppressionMatcher matcher,
			TriageCommands commands, DatabaseClient db, TransactionalOperator transaction, Clock clock) {
		this.properties = properties;
		this.rules = rules;
		this.matcher = matcher;
		this.commands = commands;
		this.db = db;
		this.transaction = transaction;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (properties.enabled() && !rules.all().isEmpty()) {
			loop = PeriodicLoop.start(log, "Suppressing alerts by rule", properties.interval(), properties.interval(),
					this::sweep);
		}
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable running = loop;
		if (running != null) {
			running.dispose();
		}
	}

	/** One sweep of every live rule; emits how many alerts were given to the triage worker. */
	Mono<Long> sweep() {
		return Flux.fromIterable(rules.live(clock.instant())).concatMap(this::sweep).reduce(0L, Long::sum);
	}

	private Mono<Long> sweep(CompiledRule rule) {
		Mono<Long> dismissed = db.sql("select pg_advisory_xact_lock(:lock)")
			.bind("lock", LOCK)
			.then()
			.then(matcher.unhandled(rule).take(MAX_PER_SWEEP).map(SuppressionMatcher.Match::alertId).collectList())
			.flatMap(alertIds -> alertIds.isEmpty() ? Mono.just(0L) : submit(rule, alertIds));
		return transaction.transactional(dismissed);
	}

	private Mono<Long> submit(CompiledRule rule, List<Long> alertIds) {
		TriageOrder order = new TriageOrder(TriageAction.DISMISS, rule.rule().resolution(), rule.providerComment(), null);
		AuditOrigin origin = new AuditOrigin(rule.source(), "SUPPRESS", "leakpath.suppression.rules", null);
		return commands.submit(order, alertIds, null, new TriageScope(null), origin, rule.source())
			.doOnNext(command -> log.info("Rule '{}' dismisses {} alert(s) (triage command {})", rule.rule().name(),
					alertIds.size(), command))
			.thenReturn((long) alertIds.size());
	}

}
