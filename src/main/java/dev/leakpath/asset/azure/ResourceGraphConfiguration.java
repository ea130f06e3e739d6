package dev.leakpath.asset.azure;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import dev.leakpath.ingest.SourceResilience;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The Resource Graph client: a connect timeout on its WebClient, and a retry and circuit breaker
 * ({@code resilience4j.circuitbreaker.configs.resource-graph}) per host it calls.
 */
@Configuration(proxyBeanMethods = false)
class ResourceGraphConfiguration {

	static final String PROVIDER = "resource-graph";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	@Bean
	ResourceGraphClient resourceGraphClient(ResourceGraphProperties properties, WebClient.Builder webClients,
			RetryRegistry retries, CircuitBreakerRegistry breakers, RateLimiterRegistry limiters) {
		HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
		WebClient web = webClients.clone().clientConnector(new ReactorClientHttpConnector(http)).build();
		return new ResourceGraphClient(web, properties,
				resilience(properties.tenantTokenUrl().getHost(), properties, retries, breakers, limiters),
				resilience(properties.managementUrl().getHost(), properties, retries, breakers, limiters),
				resilience(properties.graphUrl().getHost() + ":graph", properties, retries, breakers, limiters));
	}

	private static SourceResilience resilience(String host, ResourceGraphProperties properties, RetryRegistry retries,
			CircuitBreakerRegistry breakers, RateLimiterRegistry limiters) {
		return new SourceResilience(PROVIDER, String.valueOf(host), properties.retry(), retries, breakers, limiters);
	}

}
