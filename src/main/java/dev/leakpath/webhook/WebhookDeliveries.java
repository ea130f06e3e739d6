package dev.leakpath.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/** Webhook deliveries for the API: listing them, and sending a parked one through again. */
@Service
public class WebhookDeliveries {

	public static final Set<String> STATUSES = Set.of("pending", "done", "failed");

	private static final String SELECT = """
			select id, provider, delivery_id, event, action, scope, repository, alert_id, status, attempts,
			       last_error, received_at, next_attempt_at, processed_at
			from webhook_delivery
			""";

	private final DatabaseClient db;

	private final WebhookInbox inbox;

	private final WebhookWorker worker;

	WebhookDeliveries(DatabaseClient db, WebhookInbox inbox, WebhookWorker worker) {
		this.db = db;
		this.inbox = inbox;
		this.worker = worker;
	}

	public Mono<List<WebhookDeliveryView>> find(String status, String provider, Long beforeId, int limit) {
		SqlConditions where = SqlConditions.of()
			.equal("status", "status", status)
			.equal("provider", "provider", provider)
			.before("id", "beforeId", beforeId);
		return where.bind(db.sql(SELECT + where.where() + "order by id desc limit :limit"))
			.bind("limit", limit)
			.map(row -> new WebhookDeliveryView(row.get("id", Long.class), row.get("provider", String.class),
					row.get("delivery_id", String.class), row.get("event", String.class), row.get("action", String.class),
					row.get("scope", String.class), row.get("repository", String.class), row.get("alert_id", String.class),
					row.get("status", String.class), row.get("attempts", Integer.class),
					row.get("last_error", String.class), row.get("received_at", Instant.class),
					row.get("next_attempt_at", Instant.class), row.get("processed_at", Instant.class)))
			.all()
			.collectList();
	}

	/** Queues a parked delivery again with a fresh attempt budget; false when no parked delivery has that id. */
	public Mono<Boolean> retry(long id) {
		return inbox.requeue(id).doOnNext(requeued -> {
			if (requeued) {
				worker.wakeUp();
			}
		});
	}

}
