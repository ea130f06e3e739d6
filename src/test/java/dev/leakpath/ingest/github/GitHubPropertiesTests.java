package dev.leakpath.ingest.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.RetrySettings;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GitHubPropertiesTests {

	@Test
	void bindWhenNothingSetThenDefaults() {
		GitHubProperties properties = bind(Map.of());

		assertThat(properties.apiUrl()).isEqualTo(URI.create("https://api.github.com"));
		assertThat(properties.pollInterval()).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.locationConcurrency()).isEqualTo(4);
		assertThat(properties.organizations()).isEmpty();
		assertThat(properties.retry()).isEqualTo(new RetrySettings(8, Duration.ofMillis(250),
				Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofHours(1)));
		assertThat(properties.hasCredentials()).isFalse();
	}

	@Test
	void bindWhenValuesSetThenOverridesDefaults() {
		GitHubProperties properties = bind(Map.of("leakpath.github.api-url", "https://ghe.example.com/api/v3",
				"leakpath.github.poll-interval", "10m", "leakpath.github.retry.max-attempts", "3"));

		assertThat(properties.apiUrl()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
		assertThat(properties.pollInterval()).isEqualTo(Duration.ofMinutes(10));
		assertThat(properties.retry().maxAttempts()).isEqualTo(3);
		assertThat(properties.retry().initialBackoff()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void bindWhenOrganizationsHaveBlanksThenDropsThem() {
		GitHubProperties indexed = bind(Map.of("leakpath.github.organizations[0]", "acme",
				"leakpath.github.organizations[1]", "  ", "leakpath.github.organizations[2]", " beta "));
		GitHubProperties commaSeparated = bind(Map.of("leakpath.github.organizations", "acme,, beta ,"));

		assertThat(indexed.organizations()).containsExactly("acme", "beta");
		assertThat(commaSeparated.organizations()).containsExactly("acme", "beta");
	}

	@Test
	void bindWhenGenericSecretTypesNotSetThenEveryNonProviderPatternOfTheReferenceAndPassword() {
		assertThat(bind(Map.of()).genericSecretTypes()).containsExactly("rsa_private_key", "openssh_private_key",
				"pgp_private_key", "ec_private_key", "generic_private_key", "http_basic_authentication_header",
				"http_bearer_authentication_header", "mongodb_connection_string", "postgres_connection_string",
				"mysql_connection_string", "mysql_connection_url", "password");
	}

	@Test
	void bindWhenGenericSecretTypesEmptyThenNone() {
		assertThat(bind(Map.of("leakpath.github.generic-secret-types", "")).genericSecretTypes()).isEmpty();
		assertThat(bind(Map.of("leakpath.github.generic-secret-types", " rsa_private_key ,, password"))
			.genericSecretTypes()).containsExactly("rsa_private_key", "password");
	}

	@Test
	void hasCredentialsWhenTokenThenTrue() {
		assertThat(bind(Map.of("leakpath.github.token", "ghp_token")).hasCredentials()).isTrue();
	}

	@Test
	void hasCredentialsWhenAppIdThenTrue() {
		assertThat(bind(Map.of("leakpath.github.app.id", "123456")).hasCredentials()).isTrue();
	}

	@Test
	void hasCredentialsWhenOnlyBlankTokenOrInstallationThenFalse() {
		assertThat(bind(Map.of("leakpath.github.token", " ", "leakpath.github.app.installation-id", "42"))
			.hasCredentials()).isFalse();
	}

	private static GitHubProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("leakpath.github",
				GitHubProperties.class);
	}

}
