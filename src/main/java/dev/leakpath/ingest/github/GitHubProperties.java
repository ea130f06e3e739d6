package dev.leakpath.ingest.github;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import dev.leakpath.ingest.RetrySettings;
import dev.leakpath.settings.HttpUrls;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * @param apiUrl REST API root: {@code https://api.github.com}, or {@code https://HOST/api/v3} for GHES
 * @param token personal access token (classic with {@code security_events}/{@code repo}, or fine-grained
 * with "Secret scanning alerts: read" and "Metadata: read")
 * @param app GitHub App credentials, used when no token is set
 * @param organizations organisations whose alerts are polled
 * @param pollInterval time between two polls of every organisation
 * @param locationConcurrency how many alerts' location lists are fetched at once
 * @param retry retry and rate-limit waiting
 * @param genericSecretTypes the non-provider secret types read by a second listing of every organisation (its
 * {@code generic} listing), named in {@code secret_type}: GitHub's organisation listing leaves them out unless
 * asked for them by name. Empty: no second listing
 */
@Validated
@ConfigurationProperties("leakpath.github")
public record GitHubProperties(@NotNull @DefaultValue("https://api.github.com") URI apiUrl, String token,
		@Valid @DefaultValue App app, List<String> organizations, @DefaultValue("PT5M") Duration pollInterval,
		@Min(1) @DefaultValue("4") int locationConcurrency,
		@Valid @DefaultValue RetrySettings retry,
		@DefaultValue({ "rsa_private_key", "openssh_private_key", "pgp_private_key", "ec_private_key",
				"generic_private_key", "http_basic_authentication_header", "http_bearer_authentication_header",
				"mongodb_connection_string", "postgres_connection_string", "mysql_connection_string",
				"mysql_connection_url", "password" }) List<String> genericSecretTypes) {

	public GitHubProperties {
		HttpUrls.require("leakpath.github.api-url", apiUrl);
		organizations = stripped(organizations);
		genericSecretTypes = stripped(genericSecretTypes);
	}

	private static List<String> stripped(List<String> values) {
		return values == null ? List.of() : values.stream().filter(StringUtils::hasText).map(String::strip).toList();
	}

	/** Says whether the token is set, never what it is. */
	@Override
	public String toString() {
		return "GitHubProperties[apiUrl=" + apiUrl + ", token=" + (StringUtils.hasText(token) ? "(set)" : "(unset)")
				+ ", app=" + app + ", organizations=" + organizations + ", pollInterval=" + pollInterval
				+ ", locationConcurrency=" + locationConcurrency + ", retry=" + retry + ", genericSecretTypes="
				+ genericSecretTypes + "]";
	}

	/** Whether credentials are configured at all; without them, in the demo profile, leakpath runs its demo. */
	public boolean hasCredentials() {
		return StringUtils.hasText(token) || app.configured();
	}

	/**
	 * @param id the App's id
	 * @param privateKeyFile the App's private key, PKCS#8 PEM
	 * @param installationId the installation on the polled organisations
	 */
	public record App(String id, Path privateKeyFile, Long installationId) {

		boolean configured() {
			return StringUtils.hasText(id);
		}

	}

}
