package dev.leakpath.notify;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Reads notifications for the API, newest first. */
@Component
public class NotificationQueries {

	public static final List<String> STATUSES = List.of("pending", "sent", "failed");

	private static final String FIND = """
			select n.id, e.kind, r.full_name, e.alert_id, e.attack_path_id, n.rule_name, n.channel, n.recipient,
			       n.status, n.attempts, n.last_error, n.created_at, n.next_attempt_at, n.sent_at
			from notification n
			join notification_event e on e.id = n.event_id
			join repository r on r.id = e.repository_id
			""";

	private final DatabaseClient db;

	NotificationQueries(DatabaseClient db) {
		this.db = db;
	}

	public Mono<List<NotificationView>> find(String status, String channel, Long beforeId, int limit) {
		SqlConditions where = SqlConditions.of()
			.equal("n.status", "status", status)
			.equal("n.channel", "channel", channel)
			.before("n.id", "beforeId", beforeId);
		return where.bind(db.sql(FIND + where.where() + "order by n.id desc limit :limit"))
			.bind("limit", limit)
			.map(row -> new NotificationView(row.get("id", Long.class), row.get("kind", String.class),
					row.get("full_name", String.class), row.get("alert_id", Long.class),
					row.get("attack_path_id", Long.class), row.get("rule_name", String.class),
					row.get("channel", String.class), row.get("recipient", String.class),
					row.get("status", String.class), row.get("attempts", Integer.class),
					row.get("last_error", String.class), row.get("created_at", Instant.class),
					row.get("next_attempt_at", Instant.class), row.get("sent_at", Instant.class)))
			.all()
			.collectList();
	}

}
