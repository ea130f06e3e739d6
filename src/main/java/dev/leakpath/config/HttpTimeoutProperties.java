package dev.leakpath.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a client may take to send a request body, so that slow or stalled uploads cannot hold file
 * descriptors and memory. (A silent connection, or one trickling its headers, is closed by Spring Boot's
 * {@code server.netty.idle-timeout}: it runs until a request's headers are complete.)
 *
 * @param readTimeout longest pause between two reads of a request body
 * @param requestTimeout longest time to read a whole request body, however steadily it trickles
 */
@Validated
@ConfigurationProperties("leakpath.http")
record HttpTimeoutProperties(@DefaultValue("PT10S") Duration readTimeout, @DefaultValue("PT30S") Duration requestTimeout) {
}
