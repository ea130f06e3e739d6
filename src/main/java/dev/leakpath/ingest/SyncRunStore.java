package dev.leakpath.ingest;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** The {@code sync_run} table: one row per poll of every configured scope. */
@Component
class SyncRunStore {

	private final DatabaseClient db;

	SyncRunStore(DatabaseClient db) {
		this.db = db;
	}

	Mono<Void> start(UUID id, String trigger) {
		return db.sql("insert into sync_run (id, trigger, status, started_at) values (:id, :trigger, 'running', now())")
			.bind("id", id)
			.bind("trigger", trigger)
			.then();
	}

	Mono<Void> finish(UUID id, String status) {
		return db.sql("update sync_run set status = :status, finished_at = now() where id = :id")
			.bind("id", id)
			.bind("status", status)
			.then();
	}

}
