package dev.leakpath.session;

import java.time.Clock;
import java.time.Duration;

import dev.leakpath.settings.InvalidSettingException;

import org.springframework.boot.autoconfigure.session.SessionProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;

/**
 * Web sessions (the dashboard's, after OpenID Connect sign-in) in PostgreSQL instead of in memory. Spring
 * Session turns {@link PostgresSessions} into the WebFlux session store; the cookie stays as Spring Boot sets it
 * ({@code server.reactive.session.cookie.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringWebSession
class SessionConfiguration {

	/**
	 * Sessions time out as Spring Boot times out Spring Session's own stores: after {@code spring.session.timeout}
	 * if set, else {@code server.reactive.session.timeout} (30 minutes unless set), the setting sessions in memory
	 * had.
	 */
	@Bean
	PostgresSessions postgresSessions(DatabaseClient db, Clock clock, ServerProperties server, SessionProperties session) {
		Duration timeout = session.determineTimeout(() -> server.getReactive().getSession().getTimeout());
		// stored in whole seconds; a session that never expires (a negative timeout in memory) is not kept
		if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new InvalidSettingException(
					session.getTimeout() != null ? "spring.session.timeout" : "server.reactive.session.timeout",
					"must be at least 1 second; it is " + timeout);
		}
		return new PostgresSessions(db, clock, timeout);
	}

}
