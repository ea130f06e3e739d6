package dev.leakpath.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.publisher.Mono;

import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/** Stores and reads admin actions: requests, and the changes some of them make. */
@Component
public class AuditLog {

	private static final String FIND = """
			select id, occurred_at, actor, method, path, status, remote_address, subject,
			       cast(before_state as text) as before_state, cast(after_state as text) as after_state
			from audit_event
			""";

	private static final String RECORD_CHANGES = """
			insert into audit_event (actor, method, path, status, remote_address, subject, before_state, after_state)
			select :actor, :method, :path, :status, :remoteAddress, c.subject, cast(c.before as jsonb),
			       cast(c.after as jsonb)
			from unnest(cast(:subjects as text[]), cast(:befores as text[]), cast(:afters as text[]))
			     as c (subject, before, after)
			""";

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final ObjectMapper mapper;

	AuditLog(DatabaseClient db, ObjectMapper mapper) {
		this.db = db;
		this.mapper = mapper;
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

	/**
	 * Records the changes of one request in one statement, in the caller's transaction: they are stored if and
	 * only if what they describe is.
	 *
	 * @param status the status the request answers once the changes are stored
	 */
	public Mono<Void> recordChanges(AuditOrigin origin, int status, List<AuditChange> changes) {
		if (changes.isEmpty()) {
			return Mono.empty();
		}
		return db.sql(RECORD_CHANGES)
			.bind("actor", origin.actor())
			.bind("method", origin.method())
			.bind("path", origin.path())
			.bind("status", status)
			.bind("remoteAddress", Parameter.fromOrEmpty(origin.remoteAddress(), String.class))
			.bind("subjects", changes.stream().map(AuditChange::subject).toArray(String[]::new))
			.bind("befores", changes.stream().map(AuditChange::before).toArray(String[]::new))
			.bind("afters", changes.stream().map(AuditChange::after).toArray(String[]::new))
			.then();
	}

	/** Newest first. */
	public Mono<List<AuditEvent>> find(String actor, String subject, Long beforeId, int limit) {
		SqlConditions where = SqlConditions.of()
			.equal("actor", "actor", actor)
			.equal("subject", "subject", subject)
			.before("id", "beforeId", beforeId);
		return where.bind(db.sql(FIND + where.where() + "order by id desc limit :limit"))
			.bind("limit", limit)
			.map(row -> new AuditEvent(row.get("id", Long.class), row.get("occurred_at", Instant.class),
					row.get("actor", String.class), row.get("method", String.class), row.get("path", String.class),
					row.get("status", Integer.class), row.get("remote_address", String.class),
					row.get("subject", String.class), object(row.get("before_state", String.class)),
					object(row.get("after_state", String.class))))
			.all()
			.collectList();
	}

	private Map<String, Object> object(String json) {
		try {
			return json == null ? null : mapper.readValue(json, OBJECT);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a stored audit change is not JSON", ex);
		}
	}

}
