package dev.leakpath.session;

import java.time.Clock;

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

/**
 * Deletes expired sessions every {@code leakpath.sessions.cleanup-interval}. Every instance runs it: the delete
 * is the same wherever it runs, and a row another instance deleted first is simply gone. Until it runs, an
 * expired row is still never read (see {@link PostgresSessions}).
 */
@Component
class ExpiredSessionCleanup {

	private static final Logger log = LoggerFactory.getLogger(ExpiredSessionCleanup.class);

	private final DatabaseClient db;

	private final Clock clock;

	private final SessionStoreProperties properties;

	private volatile Disposable loop;

	ExpiredSessionCleanup(DatabaseClient db, Clock clock, SessionStoreProperties properties) {
		this.db = db;
		this.clock = clock;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		loop = PeriodicLoop.start(log, "Deleting expired sessions", properties.cleanupInterval(),
				properties.cleanupInterval(), this::deleteExpired);
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable running = loop;
		if (running != null) {
			running.dispose();
		}
	}

	/** Returns how many sessions were deleted. */
	Mono<Long> deleteExpired() {
		return db.sql("delete from web_session where expires_at <= :now")
			.bind("now", clock.instant())
			.fetch()
			.rowsUpdated();
	}

}
