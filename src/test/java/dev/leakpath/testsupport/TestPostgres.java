package dev.leakpath.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real PostgreSQL the tests use: an embedded one by default, or the server named by
 * {@code LEAKPATH_TEST_PG_URL} (a JDBC URL such as {@code jdbc:postgresql://127.0.0.1:5432/postgres}, with
 * {@code LEAKPATH_TEST_PG_USER} and {@code LEAKPATH_TEST_PG_PASSWORD}, else the URL's own {@code user} and
 * {@code password} parameters, else {@code postgres} and none). Each JVM gets a database of
 * its own, so runs never see each other's rows.
 */
public final class TestPostgres {

	private static TestPostgres instance;

	private final String host;

	private final int port;

	private final String database;

	private final String user;

	private final String password;

	private TestPostgres(String host, int port, String database, String user, String password) {
		this.host = host;
		this.port = port;
		this.database = database;
		this.user = user;
		this.password = password;
	}

	public static synchronized TestPostgres get() {
		if (instance == null) {
			instance = start();
		}
		return instance;
	}

	private static TestPostgres start() {
		String database = "leakpath_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String url = System.getenv("LEAKPATH_TEST_PG_URL");
		if (url != null && !url.isBlank()) {
			URI server = URI.create(url.strip().substring("jdbc:".length()));
			String user = envOr("LEAKPATH_TEST_PG_USER", parameter(server, "user", "postgres"));
			String password = envOr("LEAKPATH_TEST_PG_PASSWORD", parameter(server, "password", ""));
			TestPostgres postgres = new TestPostgres(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort(),
					database, user, password);
			postgres.admin("create database " + database);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> postgres.admin("drop database if exists " + database + " with (force)")));
			return postgres;
		}
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					embedded.close();
				}
				catch (IOException ex) {
					// the JVM is going away either way
				}
			}));
			TestPostgres postgres = new TestPostgres("localhost", embedded.getPort(), database, "postgres", "");
			postgres.admin("create database " + database);
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL for the tests", ex);
		}
	}

	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + host + ":" + port + "/" + database;
	}

	public String user() {
		return user;
	}

	public String password() {
		return password;
	}

	/** Points a Spring test context at this database. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.r2dbc.url", this::r2dbcUrl);
		registry.add("spring.r2dbc.username", this::user);
		registry.add("spring.r2dbc.password", this::password);
		registry.add("spring.flyway.url", this::jdbcUrl);
		registry.add("spring.flyway.user", this::user);
		registry.add("spring.flyway.password", this::password);
	}

	/** Points an application started from a main method at this database. */
	public List<String> arguments() {
		return List.of("--spring.r2dbc.url=" + r2dbcUrl(), "--spring.r2dbc.username=" + user,
				"--spring.r2dbc.password=" + password, "--spring.flyway.url=" + jdbcUrl(), "--spring.flyway.user=" + user,
				"--spring.flyway.password=" + password, "--leakpath.database.embedded.enabled=false");
	}

	/** Another database on the same server, created now and dropped when the JVM ends. */
	public TestPostgres sibling(String suffix) {
		TestPostgres sibling = new TestPostgres(host, port, database + "_" + suffix, user, password);
		admin("create database " + sibling.database);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				admin("drop database if exists " + sibling.database + " with (force)");
			}
			catch (IllegalStateException ex) {
				// an embedded server's own shutdown hook may be stopping it at the same time: its data goes with it
			}
		}));
		return sibling;
	}

	/** Takes this database away from its clients: open connections are closed and new ones refused. */
	public void goDown() {
		admin("alter database " + database + " allow_connections false");
		admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
	}

	public void comeBack() {
		admin("alter database " + database + " allow_connections true");
	}

	/**
	 * Holds a table lock in an open transaction until closed, so that the application's statements on the
	 * table wait ({@code share} blocks writes, {@code access exclusive} reads too).
	 */
	public TableLock lock(String table, String mode) {
		try {
			Connection connection = connect(database);
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("lock table " + table + " in " + mode + " mode");
			}
			return () -> {
				try (connection) {
					connection.rollback();
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			};
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not lock " + table, ex);
		}
	}

	/** Statements of the application that wait for a lock and start with {@code prefix} (lower case). */
	public long waitingStatements(String prefix) {
		return count("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = "
				+ "'Lock' and lower(ltrim(query)) like '" + prefix + "%'");
	}

	/** A lock that {@link #lock} holds. */
	public interface TableLock extends AutoCloseable {

		@Override
		void close();

	}

	/** Empties every table the migrations created, if they ran yet. */
	public void truncateAll() {
		// the secret-type catalogue is reference data the application writes once at start-up, not test data
		List<String> tables = tables().stream().filter(table -> !table.equals("secret_type_catalogue")).toList();
		if (tables.isEmpty()) {
			return;
		}
		// a transaction left open by the application would block this forever: fail loudly instead, once the
		// applications' idle-in-transaction timeout (ApplicationTest, 20 s) has had the time to end it
		String truncate = " truncate table " + String.join(", ", tables) + " restart identity cascade";
		String lockTimeout = "set lock_timeout = '10s';";
		for (int attempt = 1;; attempt++) {
			try {
				execute(lockTimeout + truncate);
				return;
			}
			catch (IllegalStateException ex) {
				String state = ex.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
				// the background loops of other cached application contexts share this database: truncating many
				// tables at once can deadlock with one of their statements, which PostgreSQL then cancels
				boolean deadlock = "40P01".equals(state);
				boolean lockTimedOut = "55P03".equals(state);
				if (!(deadlock || lockTimedOut) || attempt == 3) {
					throw ex;
				}
				if (lockTimedOut) {
					System.err.println("truncate waited 10 s for these open transactions, waiting longer:\n"
							+ openTransactions());
					lockTimeout = "set lock_timeout = '60s';";
				}
			}
		}
	}

	/** The sessions with a transaction open but this one: what a truncate waits for. */
	private String openTransactions() {
		StringBuilder open = new StringBuilder();
		query("select pid, state, now() - xact_start, wait_event_type, left(query, 300) from pg_stat_activity "
				+ "where datname = current_database() and xact_start is not null and pid <> pg_backend_pid() "
				+ "order by xact_start", rows -> {
					while (rows.next()) {
						open.append("  pid ").append(rows.getInt(1)).append(' ').append(rows.getString(2)).append(" for ")
							.append(rows.getString(3)).append(", waiting on ").append(rows.getString(4)).append(": ")
							.append(rows.getString(5)).append('\n');
					}
				});
		return open.toString();
	}

	/** Every row of every table as JSON, one row a line: what an attacker with the database would see. */
	public String dumpAllTables() {
		StringBuilder dump = new StringBuilder();
		for (String table : tables()) {
			query("select row_to_json(t)::text from " + table + " t", rows -> {
				while (rows.next()) {
					dump.append(table).append(": ").append(rows.getString(1)).append('\n');
				}
			});
		}
		return dump.toString();
	}

	/** The rows of a query, each row's columns joined with '|', in the query's order. */
	public List<String> rows(String sql) {
		List<String> result = new ArrayList<>();
		query(sql, rows -> {
			int columns = rows.getMetaData().getColumnCount();
			while (rows.next()) {
				List<String> values = new ArrayList<>();
				for (int column = 1; column <= columns; column++) {
					values.add(rows.getString(column));
				}
				result.add(String.join("|", values));
			}
		});
		return result;
	}

	public long count(String sql) {
		return Long.parseLong(rows(sql).get(0));
	}

	private List<String> tables() {
		List<String> tables = new ArrayList<>();
		query("select table_name from information_schema.tables where table_schema = 'public' "
				+ "and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history' order by table_name", rows -> {
					while (rows.next()) {
						tables.add(rows.getString(1));
					}
				});
		return tables;
	}

	/** A connection of the test's own, for holding a lock or a transaction open while the application works. */
	public Connection connect() throws SQLException {
		return connect(database);
	}

	public void execute(String sql) {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	private void query(String sql, RowsConsumer consumer) {
		try (Connection connection = connect(database); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			consumer.accept(rows);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	private void admin(String sql) {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	private Connection connect(String name) throws SQLException {
		return open("jdbc:postgresql://" + host + ":" + port + "/" + name, user, password);
	}

	/**
	 * A JDBC connection through the driver of this class loader. Not {@link java.sql.DriverManager}: it serves only
	 * drivers of the class loader it first saw, and the benchmarks run one after another in a Maven JVM, each
	 * under a class loader of its own, so from the second on it answered "No suitable driver found".
	 */
	public static Connection open(String url, String user, String password) throws SQLException {
		Properties credentials = new Properties();
		credentials.setProperty("user", user);
		credentials.setProperty("password", password);
		return new org.postgresql.Driver().connect(url, credentials);
	}

	/** A parameter of the URL's query, as the JDBC driver would read it there. */
	private static String parameter(URI url, String name, String fallback) {
		if (url.getQuery() != null) {
			for (String pair : url.getQuery().split("&")) {
				if (pair.startsWith(name + "=")) {
					return pair.substring(name.length() + 1);
				}
			}
		}
		return fallback;
	}

	private static String envOr(String name, String fallback) {
		String value = System.getenv(name);
		return value == null ? fallback : value;
	}

	@FunctionalInterface
	private interface RowsConsumer {

		void accept(ResultSet rows) throws SQLException;

	}

}
