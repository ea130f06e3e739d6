package dev.leakpath.ingest.github;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.extras.HttpClientGitHubConnector;
import reactor.netty.http.client.HttpClient;


import dev.leakpath.ingest.SourceConnector;
import dev.leakpath.ingest.SourceResilience;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class GitHubIngestConfiguration {

	private static final int MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

	@Bean
	GitHubCredentials gitHubCredentials(GitHubProperties properties) {
		return GitHubCredentials.of(properties);
	}

	@Bean
	SourceConnector gitHubConnector(GitHubProperties properties, GitHubCredentials credentials,
			WebClient.Builder webClients, ObjectMapper mapper,
			Clock clock, RetryRegistry retries, CircuitBreakerRegistry breakers, RateLimiterRegistry limiters,
			MeterRegistry meters)
			throws IOException {
		if (properties.apiUrl().getHost() == null) {
			throw new IllegalStateException("leakpath.github.api-url must be an absolute URL such as "
					+ "https://api.github.com, not '" + properties.apiUrl() + "'");
		}
		if (!properties.hasCredentials() && !properties.organizations().isEmpty()) {
			throw new IllegalStateException("leakpath.github.organizations is set but neither leakpath.github.token "
					+ "nor leakpath.github.app.id is: configure one of them");
		}
		GitHubRateLimitPolicy rateLimits = new GitHubRateLimitPolicy(clock, properties.retry().rateLimitWait());
		SourceResilience resilience = new SourceResilience(GitHubAlertMapper.PROVIDER, properties.apiUrl().getHost(), properties.retry(), retries,
				breakers, limiters);
		AuthorizationProvider authorization = credentials.provider();
		GitHub github = new GitHubBuilder().withEndpoint(properties.apiUrl().toString())
			.withConnector(new HttpClientGitHubConnector(java.net.http.HttpClient.newBuilder()
				.connectTimeout(CONNECT_TIMEOUT)
				.followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
				.build()))
			.withAuthorizationProvider(authorization)
			.withRateLimitHandler(GitHubLimitHandlers.rateLimit(rateLimits, properties.retry().rateLimitWait()))
			.withAbuseLimitHandler(GitHubLimitHandlers.abuseLimit(rateLimits, properties.retry().rateLimitWait()))
			.build();
		GitHubClient client = new GitHubClient(properties.apiUrl(), webClient(webClients), credentials::authorizationHeader, rateLimits,
				resilience, mapper, meters);
		return new GitHubConnector(properties, client, new GitHubRepositoryClient(github, resilience), mapper);
	}

	private static WebClient webClient(WebClient.Builder builder) {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
			.responseTimeout(RESPONSE_TIMEOUT);
		return builder.clone()
			.clientConnector(new ReactorClientHttpConnector(http))
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_RESPONSE_BYTES))
			.defaultHeader(HttpHeaders.ACCEPT, "application/vnd.github+json")
			.defaultHeader("X-GitHub-Api-Version", "2022-11-28")
			.defaultHeader(HttpHeaders.USER_AGENT, "leakpath")
			.build();
	}

}
