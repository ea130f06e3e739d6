package dev.leakpath.ticket;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.leakpath.security.TriageScope;
import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * A ticket asked for by a person, for one alert and one rule's channel, whether or not the alert meets the rule's
 * conditions: the rule says where the ticket goes and what it holds. It is the ticket the planner would open, by
 * the same key, so asking twice, or the planner opening it too, still makes one ticket; the ticket worker syncs it
 * as any other, and closes it when the alert resolves.
 */
@Component
public class TicketRequests {

	private static final String ALERT = """
			select a.id, a.state, a.provider, r.organization, r.full_name, a.repository_id, a.provider_alert_id,
			       a.secret_type, s.fingerprint, coalesce(ar.risk_level, 'low') as risk_level
			from alert a
			join repository r on r.id = a.repository_id
			left join secret s on s.id = a.secret_id
			left join alert_risk ar on ar.alert_id = a.id
			where a.id = :id
			""";

	private final DatabaseClient db;

	private final TicketRules rules;

	private final TicketPlanner planner;

	private final TransactionalOperator transaction;

	TicketRequests(DatabaseClient db, TicketRules rules, TicketPlanner planner, TransactionalOperator transaction) {
		this.db = db;
		this.rules = rules;
		this.planner = planner;
		this.transaction = transaction;
	}

	/** The rules a ticket can be asked for by, in config order. */
	public List<RuleView> rules() {
		return rules.all().stream().map(rule -> new RuleView(rule.name(), rule.channel(), rule.per())).toList();
	}

	/**
	 * Opens (or makes due again) the ticket of {@code ruleName} for the alert; emits the ticket's id.
	 *
	 * @param organizations those the caller sees, or null for all
	 */
	public Mono<Long> open(long alertId, String ruleName, String[] organizations, TriageScope triage) {
		TicketRule rule = rules.named(ruleName == null ? "" : ruleName)
			.orElseThrow(() -> new TicketRequestException(TicketRequestException.Kind.INVALID,
					"no ticket rule named '" + ruleName + "'; the rules are " + rules.all().stream().map(TicketRule::name).toList()));
		SqlConditions scope = SqlConditions.of().anyOf("r.organization", "organizations", organizations);
		Mono<Long> opened = scope.bind(db.sql(ALERT + scope.and()))
			.bind("id", alertId)
			.map(row -> new ChangedAlert(row.get("id", Long.class), "open".equals(row.get("state", String.class)),
					row.get("provider", String.class), row.get("organization", String.class),
					row.get("full_name", String.class), row.get("repository_id", Long.class),
					row.get("provider_alert_id", String.class), row.get("secret_type", String.class),
					row.get("fingerprint", String.class), row.get("risk_level", String.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new TicketRequestException(TicketRequestException.Kind.NOT_FOUND,
					"no alert with id " + alertId)))
			.flatMap(alert -> {
				check(rule, alert, triage);
				TicketPlanner.Wanted wanted = TicketPlanner.Wanted.of(rule, alert);
				return planner.upsert(List.of(wanted))
					.then(db.sql("select id from ticket where rule_name = :rule and ticket_key = :key")
						.bind("rule", wanted.rule())
						.bind("key", wanted.key())
						.map(row -> row.get("id", Long.class))
						.one());
			});
		return transaction.transactional(opened);
	}

	private static void check(TicketRule rule, ChangedAlert alert, TriageScope triage) {
		if (!triage.allows(alert.organization())) {
			throw new TicketRequestException(TicketRequestException.Kind.FORBIDDEN,
					"you may not triage the alerts of " + alert.organization());
		}
		if (!alert.open()) {
			throw new TicketRequestException(TicketRequestException.Kind.CONFLICT,
					"alert " + alert.alertId() + " is resolved: a ticket is for an open alert (it is closed when the alert resolves)");
		}
		if (rule.channel().equals(TicketRule.GITHUB_ISSUES) && !"github".equals(alert.provider())) {
			throw new TicketRequestException(TicketRequestException.Kind.INVALID, "rule '" + rule.name()
					+ "' opens GitHub issues, in the alert's own repository: alert " + alert.alertId() + " is not on GitHub");
		}
	}

	/** @param per {@code alert} or {@code secret}: what one ticket stands for */
	public record RuleView(String name, String channel, String per) {
	}

}
