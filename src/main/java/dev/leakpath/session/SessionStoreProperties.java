package dev.leakpath.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dashboard sessions kept in PostgreSQL. Their timeout is Spring Boot's
 * {@code server.reactive.session.timeout} (or {@code spring.session.timeout}), as for sessions in memory.
 *
 * @param cleanupInterval how often expired sessions are deleted (an expired one is never used meanwhile)
 */
@ConfigurationProperties("leakpath.sessions")
record SessionStoreProperties(@DefaultValue("PT5M") Duration cleanupInterval) {
}
