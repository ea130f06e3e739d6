package dev.leakpath.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.session.ReactiveSessionRepository;

/**
 * Dashboard sessions in the {@code web_session} table, so that they outlive a restart and every instance knows
 * every session (no sticky load balancing). Rows are keyed by the SHA-256 of the session id, never the id: the
 * cookie alone holds that, and neither is ever logged. An expired session is never returned, whether or not
 * {@link ExpiredSessionCleanup} deleted its row yet.
 * <p>
 * Every request moves a session's last access, but writing that each time would cost a write per request. A
 * save writes the whole row when the attributes or the id changed (sign-in, sign-out), and otherwise only
 * when the last access moved by {@link #touchEvery} since the row was written: at most once a minute, or
 * once every tenth of the timeout if that is shorter. The price is precision: an idle session may expire up
 * to that much before its timeout counted from its very last request.
 */
final class PostgresSessions implements ReactiveSessionRepository<StoredSession> {

	private static final Logger log = LoggerFactory.getLogger(PostgresSessions.class);

	private static final Duration TOUCH_AT_MOST_EVERY = Duration.ofMinutes(1);

	private static final String INSERT = """
			insert into web_session (id_hash, created_at, last_accessed_at, max_inactive_seconds, expires_at, attributes)
			values (:idHash, :createdAt, :lastAccessedAt, :maxInactiveSeconds, :expiresAt, :attributes)
			""";

	private static final String UPDATE = """
			update web_session
			set id_hash = :idHash
			  , last_accessed_at = :lastAccessedAt
			  , max_inactive_seconds = :maxInactiveSeconds
			  , expires_at = :expiresAt
			  , attributes = :attributes
			where id_hash = :storedIdHash
			""";

	/** Another request, maybe on another instance, may have written a later access already. */
	private static final String TOUCH = """
			update web_session
			set last_accessed_at = :lastAccessedAt
			  , expires_at = :expiresAt
			where id_hash = :idHash and last_accessed_at < :lastAccessedAt
			""";

	private static final String FIND = """
			select created_at, last_accessed_at, max_inactive_seconds, attributes
			from web_session
			where id_hash = :idHash and expires_at > :now
			""";

	private static final String DELETE = "delete from web_session where id_hash = :idHash";

	private final DatabaseClient db;

	private final Clock clock;

	private final Duration timeout;

	PostgresSessions(DatabaseClient db, Clock clock, Duration timeout) {
		this.db = db;
		this.clock = clock;
		this.timeout = timeout;
	}

	/** Costs nothing: a session gets its row only once it is saved with something in it. */
	@Override
	public Mono<StoredSession> createSession() {
		return Mono.fromSupplier(() -> StoredSession.created(clock, timeout));
	}

	@Override
	public Mono<Void> save(StoredSession session) {
		return Mono.defer(() -> {
			Mono<Long> written;
			if (session.isNew()) {
				written = fullRow(db.sql(INSERT), session).bind("createdAt", session.getCreationTime()).fetch().rowsUpdated();
			}
			else if (session.isChanged()) {
				written = fullRow(db.sql(UPDATE), session).bind("storedIdHash", hash(session.storedId()))
					.fetch()
					.rowsUpdated();
			}
			else if (session.unsavedAccess().compareTo(touchEvery(session)) >= 0) {
				written = db.sql(TOUCH)
					.bind("idHash", hash(session.getId()))
					.bind("lastAccessedAt", session.getLastAccessedTime())
					.bind("expiresAt", session.expiresAt())
					.fetch()
					.rowsUpdated();
			}
			else {
				return Mono.empty();
			}
			return written.doOnSuccess(rows -> session.saved()).then();
		});
	}

	@Override
	public Mono<StoredSession> findById(String id) {
		return Mono.defer(() -> {
			byte[] idHash = hash(id);
			return db.sql(FIND)
				.bind("idHash", idHash)
				.bind("now", clock.instant())
				.map(row -> new Row(row.get("created_at", Instant.class), row.get("last_accessed_at", Instant.class),
						row.get("max_inactive_seconds", Integer.class), row.get("attributes", byte[].class)))
				.one()
				.flatMap(row -> {
					try {
						return Mono.just(StoredSession.stored(clock, id, row.createdAt(), row.lastAccessedAt(),
								Duration.ofSeconds(row.maxInactiveSeconds()), SessionAttributes.read(row.attributes())));
					}
					catch (IOException ex) {
						// deleted, so that this is logged once per session and not on each of its user's requests
						log.warn("A stored dashboard session could not be read and is deleted; its user signs in again: {}",
								ex.toString());
						return delete(idHash).then(Mono.empty());
					}
				});
		});
	}

	@Override
	public Mono<Void> deleteById(String id) {
		return Mono.defer(() -> delete(hash(id)));
	}

	private Mono<Void> delete(byte[] idHash) {
		return db.sql(DELETE).bind("idHash", idHash).fetch().rowsUpdated().then();
	}

	private static DatabaseClient.GenericExecuteSpec fullRow(DatabaseClient.GenericExecuteSpec statement,
			StoredSession session) {
		return statement.bind("idHash", hash(session.getId()))
			.bind("lastAccessedAt", session.getLastAccessedTime())
			.bind("maxInactiveSeconds", (int) session.getMaxInactiveInterval().toSeconds())
			.bind("expiresAt", session.expiresAt())
			.bind("attributes", SessionAttributes.write(session.attributes()));
	}

	private static Duration touchEvery(StoredSession session) {
		Duration tenth = session.getMaxInactiveInterval().dividedBy(10);
		return tenth.compareTo(TOUCH_AT_MOST_EVERY) < 0 ? tenth : TOUCH_AT_MOST_EVERY;
	}

	private static byte[] hash(String id) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	private record Row(Instant createdAt, Instant lastAccessedAt, int maxInactiveSeconds, byte[] attributes) {
	}

}
