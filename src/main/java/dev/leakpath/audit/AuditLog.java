package dev.leakpath.audit;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/** Stores and reads admin actions. */
@Component
public class AuditLog {

	private static final String FIND = """
			select id, occurred_at, actor, method, path, status, remote_address
			from audit_event
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
		SqlConditions where = SqlConditions.of().equal("actor", "actor", actor).before("id", "beforeId", beforeId);
		return where.bind(db.sql(FIND + where.where() + "order by id desc limit :limit"))
			.bind("limit", limit)
			.map(row -> new AuditEvent(row.get("id", Long.class), row.get("occurred_at", Instant.class),
					row.get("actor", String.class), row.get("method", String.class), row.get("path", String.class),
					row.get("status", Integer.class), row.get("remote_address", String.class)))
			.all()
			.collectList();
	}

}
