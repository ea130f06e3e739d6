package dev.leakpath.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;

/** Webhook deliveries for the API: listing them, and sending a parked one through again. */
@Service
public class WebhookDeliveries {

	public static final Set<String> STATUSES = Set.of("pending", "done", "failed");

	private static final String SELECT = """
			select id, provider, delivery_id, event, action, scope, repository, alert_id, status, attempts,
			       last_error, received_at, next_attempt_at, processed_at
			from webhook_delivery
			where (cast(:status as text) is null or status = :status)
			  and (cast(:provider as text) is null or provider = :provider)
			  and (cast(:beforeId as bigint) is null or id < :beforeId)
			order by id desc
			limit :limit
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
		return db.sql(SELECT)
			.bind("status", Parameter.fromOrEmpty(status, String.class))
			.bind("provider", Parameter.fromOrEmpty(provider, String.class))
			.bind("beforeId", Parameter.fromOrEmpty(beforeId, Long.class))
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
