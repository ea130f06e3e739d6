package dev.leakpath.ingest.github;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;

import org.kohsuke.github.authorization.AppInstallationAuthorizationProvider;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.authorization.ImmutableAuthorizationProvider;
import org.kohsuke.github.extras.authorization.JWTTokenProvider;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.StringUtils;

/**
 * The credentials leakpath calls GitHub's API with: the token of {@code leakpath.github.token}, or installation
 * tokens of the GitHub App, minted and refreshed by github-api. Shared by the connector and by whatever else writes
 * to GitHub (tickets), so that one App installation token serves them all.
 */
public final class GitHubCredentials {

	private static final Duration MINT_TIMEOUT = Duration.ofSeconds(60);

	private final URI apiUrl;

	private final AuthorizationProvider provider;

	private GitHubCredentials(URI apiUrl, AuthorizationProvider provider) {
		this.apiUrl = apiUrl;
		this.provider = provider;
	}

	static GitHubCredentials of(GitHubProperties properties) {
		return new GitHubCredentials(properties.apiUrl(), provider(properties));
	}

	/** The REST API root, {@code https://api.github.com} or a GHES {@code /api/v3}. */
	public URI apiUrl() {
		return apiUrl;
	}

	/** Whether a token or an App is configured. */
	public boolean configured() {
		return provider != AuthorizationProvider.ANONYMOUS;
	}

	/**
	 * The {@code Authorization} header's value, empty when none is configured. Minting an App installation token
	 * is a blocking HTTP call: it runs on the bounded elastic scheduler, never on the event loop.
	 */
	public Mono<String> authorizationHeader() {
		return Mono.fromCallable(() -> {
			String header = provider.getEncodedAuthorization();
			return header == null ? "" : header;
		}).subscribeOn(Schedulers.boundedElastic()).timeout(MINT_TIMEOUT);
	}

	AuthorizationProvider provider() {
		return provider;
	}

	@Override
	public String toString() {
		return "GitHubCredentials[apiUrl=" + apiUrl + ", configured=" + configured() + "]";
	}

	private static AuthorizationProvider provider(GitHubProperties properties) {
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

}
