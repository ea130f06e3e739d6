package dev.leakpath.notify;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Deletes events planned longer than {@code retention} ago with nothing left to send, and their notifications
 * with them (a million alerts make about 160 MB of events). A still-open alert whose deadline breach is deleted
 * breaches again at the next check: a reminder once per retention period.
 */
@Component
class NotificationRetention {

	private static final String PRUNE = """
			delete from notification_event e
			where e.planned_at < now() - cast(:retention as interval)
			  and not exists (select 1 from notification n where n.event_id = e.id and n.status = 'pending')
			""";

	private final DatabaseClient db;

	private final NotificationProperties properties;

	NotificationRetention(DatabaseClient db, NotificationProperties properties) {
		this.db = db;
		this.properties = properties;
	}

	/** Returns how many events were deleted. */
	Mono<Long> prune() {
		return db.sql(PRUNE).bind("retention", properties.retention().toSeconds() + " seconds").fetch().rowsUpdated();
	}

}
