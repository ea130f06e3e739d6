package dev.leakpath.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the API answers while PostgreSQL cannot be reached.
 *
 * @param retryAfter the {@code Retry-After} of the 503 answer
 * @param logInterval each kind of outage failure is logged once per interval, with the count of the others
 */
@ConfigurationProperties("leakpath.api.database-outage")
record DatabaseOutageProperties(@DefaultValue("PT10S") Duration retryAfter, @DefaultValue("PT1M") Duration logInterval) {
}
