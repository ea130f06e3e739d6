package dev.leakpath.ingest.ado;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.OkHttpClient;

import dev.leakpath.ingest.SourceConnector;
import dev.leakpath.ingest.SourceResilience;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

@Configuration(proxyBeanMethods = false)
class AzureDevOpsIngestConfiguration {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	@Bean
	AzureDevOpsHttp azureDevOpsHttp() {
		return new AzureDevOpsHttp(new OkHttpClient.Builder().connectTimeout(CONNECT_TIMEOUT)
			.readTimeout(READ_TIMEOUT)
			.followRedirects(false)
			.build());
	}

	@Bean
	SourceConnector azureDevOpsConnector(AzureDevOpsProperties properties, AzureDevOpsHttp azureDevOpsHttp,
			ObjectMapper mapper, Clock clock, RetryRegistry retries, CircuitBreakerRegistry breakers,
			RateLimiterRegistry limiters, MeterRegistry meters) {
		if (!properties.hasCredentials() && !properties.organizations().isEmpty()) {
			throw new IllegalStateException("leakpath.azure-devops.organizations is set but neither "
					+ "leakpath.azure-devops.pat nor leakpath.azure-devops.entra.client-id is: configure one of them");
		}
		OkHttpClient base = azureDevOpsHttp.client();
		OkHttpClient http = base.newBuilder().addInterceptor(authorization(properties, base, mapper, clock)).build();
		Map<String, SourceResilience> resilienceByHost = new LinkedHashMap<>();
		for (String host : new String[] { properties.apiUrl().getHost(), properties.advsecUrl().getHost() }) {
			resilienceByHost.computeIfAbsent(host, name -> new SourceResilience(AzureDevOpsRepository.PROVIDER, name,
					properties.retry(), retries, breakers, limiters));
		}
		AzureDevOpsClient client = new AzureDevOpsClient(http, mapper,
				new AzureDevOpsThrottle(clock, properties.throttle()), resilienceByHost, meters, properties.retry().rateLimitWait());
		return new AzureDevOpsConnector(properties, client, mapper, clock);
	}

	private static AzureDevOpsAuthInterceptor authorization(AzureDevOpsProperties properties, OkHttpClient base,
			ObjectMapper mapper, Clock clock) {
		if (StringUtils.hasText(properties.pat())) {
			return AzureDevOpsAuthInterceptor.pat(properties.pat().strip());
		}
		AzureDevOpsProperties.Entra entra = properties.entra();
		if (entra.configured() && (!StringUtils.hasText(entra.tenantId()) || !StringUtils.hasText(entra.clientSecret()))) {
			throw new IllegalStateException("leakpath.azure-devops.entra.client-id is set: "
					+ "leakpath.azure-devops.entra.tenant-id and client-secret are required too");
		}
		// with no credentials the connector has no scopes and never sends a request
		return AzureDevOpsAuthInterceptor.entra(new EntraTokenClient(base, entra, mapper, clock));
	}

}
