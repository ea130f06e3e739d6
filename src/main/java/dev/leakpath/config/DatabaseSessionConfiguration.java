package dev.leakpath.config;

import java.util.Map;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;

import org.springframework.boot.autoconfigure.r2dbc.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Session settings for every R2DBC connection. JIT is off: leakpath's statements are short, and the
 * planner's cost estimates for the target-matching subqueries start a JIT compile (about 400 ms) on every
 * page that the query itself does not need (a few ms).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseSessionConfiguration {

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer sessionSettings() {
		return options -> options.option(PostgresqlConnectionFactoryProvider.OPTIONS, Map.of("jit", "off"));
	}

}
