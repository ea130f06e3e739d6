package dev.leakpath.asset.gcp;

import java.time.Clock;
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
 * The Cloud Asset client: a connect timeout on its WebClient, and a retry and circuit breaker
 * ({@code resilience4j.circuitbreaker.configs.cloud-asset}, and a rate limiter when
 * {@code resilience4j.ratelimiter.configs.cloud-asset} exists) for the token host and the API host.
 */
@Configuration(proxyBeanMethods = false)
class GcpInventoryConfiguration {

	static final String PROVIDER = "cloud-asset";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	@Bean
	CloudAssetClient cloudAssetClient(GcpInventoryProperties properties, WebClient.Builder webClients, Clock clock,
			RetryRegistry retries, CircuitBreakerRegistry breakers, RateLimiterRegistry limiters) {
		HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
		WebClient web = webClients.clone().clientConnector(new ReactorClientHttpConnector(http)).build();
		String tokenHost = properties.tokenUrl() == null ? "oauth2" : String.valueOf(properties.tokenUrl().getHost());
		return new CloudAssetClient(web, properties, clock,
				new SourceResilience(PROVIDER, "token:" + tokenHost, properties.retry(), retries, breakers, limiters),
				new SourceResilience(PROVIDER, String.valueOf(properties.assetUrl().getHost()), properties.retry(),
						retries, breakers, limiters));
	}

}
