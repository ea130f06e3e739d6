package dev.leakpath.config;

import java.time.Duration;
import java.util.Map;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;

import dev.leakpath.settings.InvalidSettingException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.r2dbc.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Session settings for every R2DBC connection. JIT is off: leakpath's statements are short, and the
 * planner's cost estimates for the target-matching subqueries start a JIT compile (about 400 ms) on every
 * page that the query itself does not need (a few ms). A transaction left idle for longer than
 * {@code leakpath.database.idle-in-transaction-timeout} is ended by PostgreSQL
 * ({@code idle_in_transaction_session_timeout}): one that a cancelled or stuck chain left open would otherwise hold
 * its locks, and every write waiting behind them, until the connection closes. No transaction here waits on
 * anything outside the database; the longest idle stretch is an identity evaluation's CPU work.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseSessionConfiguration {

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer sessionSettings(
			@Value("${leakpath.database.idle-in-transaction-timeout:PT5M}") Duration idleInTransaction) {
		if (idleInTransaction.isNegative() || idleInTransaction.isZero()) {
			throw new InvalidSettingException("leakpath.database.idle-in-transaction-timeout",
					"must be positive, not " + idleInTransaction);
		}
		return options -> options.option(PostgresqlConnectionFactoryProvider.OPTIONS, Map.of("jit", "off",
				"idle_in_transaction_session_timeout", String.valueOf(idleInTransaction.toMillis())));
	}

}
