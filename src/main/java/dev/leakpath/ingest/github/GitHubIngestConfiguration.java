package dev.leakpath.ingest.github;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.authorization.AppInstallationAuthorizationProvider;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.authorization.ImmutableAuthorizationProvider;
import org.kohsuke.github.extras.HttpClientGitHubConnector;
import org.kohsuke.github.extras.authorization.JWTTokenProvider;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;


import dev.leakpath.ingest.SourceConnector;
import dev.leakpath.ingest.SourceResilience;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class GitHubIngestConfiguration {

	private static final int MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

	@Bean
	SourceConnector gitHubConnector(GitHubProperties properties, WebClient.Builder webClients, ObjectMapper mapper,
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
		AuthorizationProvider authorization = authorization(properties);
		GitHub github = new GitHubBuilder().withEndpoint(properties.apiUrl().toString())
			.withConnector(new HttpClientGitHubConnector(java.net.http.HttpClient.newBuilder()
				.connectTimeout(CONNECT_TIMEOUT)
				.followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
				.build()))
			.withAuthorizationProvider(authorization)
			.withRateLimitHandler(GitHubLimitHandlers.rateLimit(rateLimits, properties.retry().rateLimitWait()))
			.withAbuseLimitHandler(GitHubLimitHandlers.abuseLimit(rateLimits, properties.retry().rateLimitWait()))
			.build();
		GitHubClient client = new GitHubClient(properties.apiUrl(), webClient(webClients), authorizationHeader(authorization), rateLimits,
				resilience, mapper, meters);
		return new GitHubConnector(properties, client, new GitHubRepositoryClient(github, resilience), mapper);
	}

	private static AuthorizationProvider authorization(GitHubProperties properties) {
		if (StringUtils.hasText(properties.token())) {
			return ImmutableAuthorizationProvider.fromOauthToken(properties.token().strip());
		}
		GitHubProperties.App app = properties.app();
		if (!app.configured()) {
			return AuthorizationProvider.ANONYMOUS;
		}
		if (app.privateKeyFile() == null || app.installationId() == null) {
			throw new IllegalStateException("leakpath.github.app.id is set: leakpath.github.app.private-key-file and "
					+ "leakpath.github.app.installation-id are required too");
		}
		try {
			JWTTokenProvider jwt = new JWTTokenProvider(app.id(), app.privateKeyFile());
			return new AppInstallationAuthorizationProvider(
					gitHubApp -> gitHubApp.getInstallationById(app.installationId()), jwt);
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not read the GitHub App private key " + app.privateKeyFile()
					+ " (it must be PKCS#8: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem)", ex);
		}
	}

	/** Minting an App installation token is a blocking HTTP call: keep it off the event loop. */
	private static Supplier<Mono<String>> authorizationHeader(AuthorizationProvider authorization) {
		return () -> Mono.fromCallable(() -> {
			String header = authorization.getEncodedAuthorization();
			return header == null ? "" : header;
		}).subscribeOn(Schedulers.boundedElastic()).timeout(RESPONSE_TIMEOUT);
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
