package dev.leakpath.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.leakpath.testsupport.TestPostgres;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** The session table's rules, against a database of its own with a clock the tests move. */
class PostgresSessionsTests {

	private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private static TestPostgres database;

	private static DatabaseClient db;

	private final MovableClock clock = new MovableClock(NOW);

	private final PostgresSessions sessions = new PostgresSessions(db, clock, TIMEOUT);

	@BeforeAll
	static void migrated() {
		database = TestPostgres.get().sibling("sessions");
		Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password()).load().migrate();
		ConnectionFactory connections = ConnectionFactories.get(ConnectionFactoryOptions.parse(database.r2dbcUrl())
			.mutate()
			.option(ConnectionFactoryOptions.USER, database.user())
			.option(ConnectionFactoryOptions.PASSWORD, database.password())
			.build());
		db = DatabaseClient.create(connections);
	}

	@BeforeEach
	void noSessions() {
		database.execute("truncate web_session");
	}

	@Test
	void findByIdWhenTheTimeoutPassedThenNoSessionThoughItsRowIsStillThere() {
		StoredSession session = saved(signedIn());

		clock.move(TIMEOUT.minusSeconds(1));
		assertThat(sessions.findById(session.getId()).block()).isNotNull();
		clock.move(Duration.ofSeconds(1));
		sessions.findById(session.getId()).as(StepVerifier::create).verifyComplete();

		assertThat(database.count("select count(*) from web_session")).isOne();
	}

	@Test
	void deleteExpiredThenOnlyExpiredSessionsGo() {
		StoredSession old = saved(signedIn());
		clock.move(Duration.ofMinutes(20));
		StoredSession recent = saved(signedIn());
		clock.move(Duration.ofMinutes(10));

		assertThat(new ExpiredSessionCleanup(db, clock, new SessionStoreProperties(Duration.ofMinutes(5)))
			.deleteExpired()
			.block()).isOne();

		assertThat(sessions.findById(recent.getId()).block()).isNotNull();
		assertThat(database.count("select count(*) from web_session")).isOne();
		sessions.findById(old.getId()).as(StepVerifier::create).verifyComplete();
	}

	@Test
	void saveWhenOnlyTheLastAccessMovedThenWrittenAtMostOnceAMinute() {
		String id = saved(signedIn()).getId();

		clock.move(Duration.ofSeconds(59));
		saved(accessed(id));
		assertThat(lastAccess()).isEqualTo(NOW);

		clock.move(Duration.ofSeconds(1));
		saved(accessed(id));
		assertThat(lastAccess()).isEqualTo(NOW.plusSeconds(60));
		assertThat(database.rows("select expires_at = last_accessed_at + interval '30 minutes' from web_session"))
			.containsExactly("t");
	}

	@Test
	void saveWhenTheTimeoutIsShortThenTheLastAccessIsWrittenEveryTenthOfIt() {
		PostgresSessions shortLived = new PostgresSessions(db, clock, Duration.ofSeconds(20));
		StoredSession session = shortLived.createSession().block();
		session.setAttribute("name", "value");
		shortLived.save(session).block();

		clock.move(Duration.ofSeconds(2));
		StoredSession again = shortLived.findById(session.getId()).block();
		again.setLastAccessedTime(clock.instant());
		shortLived.save(again).block();

		assertThat(lastAccess()).isEqualTo(NOW.plusSeconds(2));
	}

	@Test
	void saveAfterChangeSessionIdThenOnlyTheNewIdFindsTheSession() {
		StoredSession session = saved(signedIn());
		String before = session.getId();

		session.changeSessionId();
		saved(session);

		sessions.findById(before).as(StepVerifier::create).verifyComplete();
		StoredSession found = sessions.findById(session.getId()).block();
		assertThat(found.<Object>getAttribute("SPRING_SECURITY_CONTEXT")).isNotNull();
		assertThat(database.count("select count(*) from web_session")).isOne();
	}

	@Test
	void saveThenTheRowHoldsTheIdsHashNeverTheId() throws NoSuchAlgorithmException {
		StoredSession session = saved(signedIn());

		String row = database.dumpAllTables();
		assertThat(row).doesNotContain(session.getId())
			.doesNotContain(HexFormat.of().formatHex(session.getId().getBytes(StandardCharsets.UTF_8)))
			.contains(HexFormat.of().formatHex(sha256(session.getId())));
	}

	@Test
	void findByIdThenTheSecurityContextComesBackWithClaimsOfEveryJsonType() throws Exception {
		StoredSession session = saved(signedIn());

		SecurityContextImpl context = sessions.findById(session.getId()).block().getAttribute("SPRING_SECURITY_CONTEXT");

		OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) context.getAuthentication();
		DefaultOidcUser user = (DefaultOidcUser) token.getPrincipal();
		assertThat(user.getIssuer()).isEqualTo(new URL("https://login.example.com/corp"));
		assertThat(user.<Object>getClaim("realm_access")).isEqualTo(Map.of("roles", List.of("leakpath-admins")));
		assertThat(user.<Object>getClaim("nbf")).isEqualTo(1_764_669_600L);
		assertThat(token.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
	}

	@Test
	void findByIdWhenTheBytesHoldAClassOutsideTheAllowlistThenNoSessionAndItsRowIsDeleted() throws IOException {
		StoredSession session = saved(signedIn());
		ByteArrayOutputStream forged = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(forged)) {
			out.writeObject(new LinkedHashMap<>(Map.of("SPRING_SECURITY_CONTEXT", new AtomicLong(1))));
		}
		database.execute("update web_session set attributes = '\\x" + HexFormat.of().formatHex(forged.toByteArray())
				+ "'");

		sessions.findById(session.getId()).as(StepVerifier::create).verifyComplete();
		assertThat(database.count("select count(*) from web_session")).isZero();
	}

	/** A session that a sign-in just made, with the claim types providers send: URL, nested object, number. */
	private StoredSession signedIn() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", url("https://login.example.com/corp"));
		claims.put("sub", "alice");
		claims.put("nbf", 1_764_669_600L);
		claims.put("realm_access", Map.of("roles", List.of("leakpath-admins")));
		OidcIdToken idToken = new OidcIdToken("header.payload.signature", NOW, NOW.plus(Duration.ofHours(1)), claims);
		DefaultOidcUser user = new DefaultOidcUser(List.of(new SimpleGrantedAuthority("ROLE_ADMIN")), idToken, "sub");
		StoredSession session = sessions.createSession().block();
		session.setAttribute("SPRING_SECURITY_CONTEXT",
				new SecurityContextImpl(new OAuth2AuthenticationToken(user, user.getAuthorities(), "oidc")));
		return session;
	}

	/** The session read for a request now, as the web session store marks it. */
	private StoredSession accessed(String id) {
		StoredSession session = sessions.findById(id).block();
		session.setLastAccessedTime(clock.instant());
		return session;
	}

	private StoredSession saved(StoredSession session) {
		sessions.save(session).block();
		return session;
	}

	private Instant lastAccess() {
		return Instant.parse(database.rows("select to_char(last_accessed_at at time zone 'UTC', "
				+ "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from web_session").get(0));
	}

	private static URL url(String url) {
		try {
			return new URL(url);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(url, ex);
		}
	}

	private static byte[] sha256(String id) throws NoSuchAlgorithmException {
		return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void move(Duration by) {
			now = now.plus(by);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
