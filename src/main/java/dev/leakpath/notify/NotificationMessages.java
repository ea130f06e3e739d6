package dev.leakpath.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.leakpath.attackpath.AttackPathRule;
import dev.leakpath.attackpath.AttackPathRules;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Writes a notification's message from its event as the database has it now. */
@Component
class NotificationMessages {

	private static final String EVENT = """
			select n.id as notification_id, e.kind, e.risk_level, e.alert_id, e.attack_path_id, r.provider,
			       r.organization, r.full_name, r.visibility, a.provider_alert_id, a.secret_type,
			       a.secret_type_display_name, a.alert_url, a.validity, p.rule_id, p.risk_score, p.target_name, p.target_type
			from notification n
			join notification_event e on e.id = n.event_id
			join repository r on r.id = e.repository_id
			left join alert a on a.id = e.alert_id
			left join attack_path p on p.id = e.attack_path_id
			where n.id = any(:ids)
			""";

	private final DatabaseClient db;

	private final String dashboard;

	NotificationMessages(DatabaseClient db, NotificationProperties properties) {
		this.db = db;
		String url = properties.dashboardUrl().toString();
		this.dashboard = url.endsWith("/") ? url : url + "/";
	}

	/** The messages by notification id, in one query; a notification whose alert or path is gone has none. */
	Mono<Map<Long, NotificationMessage>> forNotifications(Collection<Long> notificationIds) {
		return db.sql(EVENT)
			.bind("ids", notificationIds.toArray(Long[]::new))
			.map(row -> message(row.get("notification_id", Long.class), row))
			.all()
			.collectMap(NotificationMessage::notificationId);
	}

	/** Several messages for one recipient as one: a line and a link each. */
	NotificationMessage digest(List<NotificationMessage> items) {
		StringBuilder text = new StringBuilder();
		List<Map<String, Object>> listed = new ArrayList<>();
		for (NotificationMessage item : items) {
			text.append("- ").append(item.title()).append(": ").append(item.dashboardUrl()).append('\n');
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("event", item.kind());
			entry.put("title", item.title());
			entry.put("dashboardUrl", item.dashboardUrl());
			entry.put("providerUrl", item.providerUrl());
			entry.put("facts", item.facts());
			listed.add(entry);
		}
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("count", items.size());
		facts.put("items", listed);
		String title = items.size() + (items.size() == 1 ? " secret-scanning finding" : " secret-scanning findings")
				+ " to fix";
		return new NotificationMessage(items.get(0).notificationId(), "digest", title, text.toString().strip(), dashboard,
				null, facts);
	}

	private NotificationMessage message(long id, Readable row) {
		String kind = row.get("kind", String.class);
		String repository = row.get("full_name", String.class);
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("provider", row.get("provider", String.class));
		facts.put("organization", row.get("organization", String.class));
		facts.put("repository", repository);
		facts.put("visibility", row.get("visibility", String.class));
		Long pathId = row.get("attack_path_id", Long.class);
		if (pathId != null) {
			String ruleId = row.get("rule_id", String.class);
			String rule = AttackPathRules.byId(ruleId).map(AttackPathRule::name).orElse(ruleId);
			String risk = row.get("risk_level", String.class);
			facts.put("attackPathId", pathId);
			facts.put("rule", rule);
			facts.put("riskLevel", risk);
			facts.put("riskScore", row.get("risk_score", Integer.class));
			facts.put("target", row.get("target_name", String.class));
			String verb = kind.equals("attack_path_escalated") ? "Attack path escalated to " : "New ";
			return new NotificationMessage(id, kind, verb + risk + " attack path in " + repository,
					rule + (row.get("target_name", String.class) == null ? "" : " (" + row.get("target_name", String.class) + ")")
							+ ". Rotate the secret, then resolve the alert.",
					dashboard + "#/attack-paths/" + pathId, null, facts);
		}
		Long alertId = row.get("alert_id", Long.class);
		String type = row.get("secret_type_display_name", String.class) != null
				? row.get("secret_type_display_name", String.class) : row.get("secret_type", String.class);
		facts.put("alertId", alertId);
		facts.put("providerAlertId", row.get("provider_alert_id", String.class));
		facts.put("secretType", row.get("secret_type", String.class));
		facts.put("validity", row.get("validity", String.class));
		String title = switch (kind) {
			case "secret_valid" -> "Exposed " + type + " in " + repository + " is still valid";
			case "alert_sla_breached" -> "Exposed " + type + " in " + repository + " is open past its deadline";
			default -> "New exposed " + type + " in " + repository;
		};
		return new NotificationMessage(id, kind, title,
				"Secret-scanning alert #" + row.get("provider_alert_id", String.class) + " in " + repository
						+ ". Revoke or rotate the secret at its provider, move it to a secret store, then resolve the alert.",
				dashboard + "#/alerts/" + alertId, row.get("alert_url", String.class), facts);
	}

}
