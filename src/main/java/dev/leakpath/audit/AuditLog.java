package dev.leakpath.audit;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/** Stores and reads admin actions. */
@Component
public class AuditLog {

	private static final String FIND = """
			select id, occurred_at, actor, method, path, status, remote_address
			from audit_event
			where (cast(:actor as text) is null or actor = :actor)
			  and (cast(:beforeId as bigint) is null or id < :beforeId)
			order by id desc
			limit :limit
			""";

	private final DatabaseClient db;

	AuditLog(DatabaseClient db) {
		this.db = db;
	}

	Mono<Void> record(String actor, String method, String path, Integer status, String remoteAddress) {
		return db.sql("""
				insert into audit_event (actor, method, path, status, remote_address)
				values (:actor, :method, :path, :status, :remoteAddress)""")
			.bind("actor", actor)
			.bind("method", method)
			.bind("path", path)
			.bind("status", Parameter.fromOrEmpty(status, Integer.class))
			.bind("remoteAddress", Parameter.fromOrEmpty(remoteAddress, String.class))
			.then();
	}

	/** Newest first. */
	public Mono<List<AuditEvent>> find(String actor, Long beforeId, int limit) {
		return db.sql(FIND)
			.bind("actor", Parameter.fromOrEmpty(actor, String.class))
			.bind("beforeId", Parameter.fromOrEmpty(beforeId, Long.class))
			.bind("limit", limit)
			.map(row -> new AuditEvent(row.get("id", Long.class), row.get("occurred_at", Instant.class),
					row.get("actor", String.class), row.get("method", String.class), row.get("path", String.class),
					row.get("status", Integer.class), row.get("remote_address", String.class)))
			.all()
			.collectList();
	}

}
