package dev.leakpath.ticket;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Reads tickets for the API, newest first. */
@Component
public class TicketQueries {

	public static final List<String> STATUSES = List.of("pending", "synced", "failed");

	public static final List<String> CHANNELS = List.of(TicketRule.JIRA, TicketRule.GITHUB_ISSUES);

	private static final String FIND = """
			select t.id, t.rule_name, t.channel, t.scope, r.full_name, t.external_id, t.external_url, t.tracker_state,
			       t.status, t.attempts, t.last_error, t.created_at, t.next_attempt_at, t.synced_at,
			       (select array_agg(ta.alert_id order by ta.alert_id) from ticket_alert ta where ta.ticket_id = t.id)
			           as alert_ids
			from ticket t
			join repository r on r.id = t.repository_id
			""";

	private final DatabaseClient db;

	TicketQueries(DatabaseClient db) {
		this.db = db;
	}

	/** @param alertId only the tickets of that alert, when given */
	public Mono<List<TicketView>> find(String status, String channel, Long alertId, Long beforeId, int limit) {
		SqlConditions where = SqlConditions.of()
			.equal("t.status", "status", status)
			.equal("t.channel", "channel", channel)
			.when(alertId, "alertId", "t.id in (select ta.ticket_id from ticket_alert ta where ta.alert_id = :alertId)")
			.before("t.id", "beforeId", beforeId);
		return where.bind(db.sql(FIND + where.where() + "order by t.id desc limit :limit"))
			.bind("limit", limit)
			.map(row -> {
				Long[] alerts = row.get("alert_ids", Long[].class);
				return new TicketView(row.get("id", Long.class), row.get("rule_name", String.class),
						row.get("channel", String.class), row.get("scope", String.class),
						row.get("full_name", String.class), row.get("external_id", String.class),
						row.get("external_url", String.class), row.get("tracker_state", String.class),
						row.get("status", String.class), row.get("attempts", Integer.class),
						row.get("last_error", String.class), row.get("created_at", Instant.class),
						row.get("next_attempt_at", Instant.class), row.get("synced_at", Instant.class),
						alerts == null ? List.of() : List.of(alerts));
			})
			.all()
			.collectList();
	}

	/** Makes a failed ticket due again at once, as a new planning would; false when there is no failed ticket of that id. */
	public Mono<Boolean> retry(long id) {
		return db.sql("""
				update ticket set version = version + 1, status = 'pending', attempts = 0, last_error = null,
				       next_attempt_at = now()
				where id = :id and status = 'failed'
				""")
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.map(updated -> updated > 0);
	}

}
