package dev.leakpath.ingest.github;

import java.net.URI;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.RevocableSecret;
import dev.leakpath.ingest.SecretRevocation;
import dev.leakpath.model.AlertReference;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Revocation of leaked GitHub tokens: {@code POST /credentials/revoke} ("Revoke a list of credentials",
 * operation {@code credentials/revoke} of GitHub's REST description), body {@code {"credentials": [...]}}, up to
 * 1000 per request, answered 202. On github.com it takes no credentials ("Any authenticated requests will return a
 * 403") and is limited to 60 requests an hour per address; on GHES ({@code …/api/v3}) it takes them, 60 an hour.
 * The token is read with {@code get-alert} without {@code hide_secret}, the one read that fetches it.
 */
final class GitHubSecretRevocation implements SecretRevocation {

	/**
	 * GitHub's slug for personal access tokens, classic ({@code ghp_}) and fine-grained ({@code github_pat_}):
	 * the two kinds the endpoint accepts ("Personal access tokens (classic)", "Fine-grained personal access
	 * tokens"; see the supported-patterns table in shared/reference/github-api.md §7).
	 */
	static final Set<String> REVOCABLE_TYPES = Set.of("github_personal_access_token");

	/** The prefixes the endpoint documents for those two kinds; another value is not sent. */
	private static final List<String> PREFIXES = List.of("ghp_", "github_pat_");

	private static final int MAX_PER_REQUEST = 1000;

	private final URI apiUrl;

	private final GitHubClient client;

	private final GitHubAlertWriteBack alerts;

	private final ObjectMapper mapper;

	GitHubSecretRevocation(URI apiUrl, GitHubClient client, GitHubAlertWriteBack alerts, ObjectMapper mapper) {
		this.apiUrl = apiUrl;
		this.client = client;
		this.alerts = alerts;
		this.mapper = mapper;
	}

	@Override
	public boolean revocable(String providerSecretType) {
		return REVOCABLE_TYPES.contains(providerSecretType);
	}

	@Override
	public Mono<Read> read(AlertReference alert) {
		return client.get(alerts.alertUrl(alert), null)
			.map(response -> new Read(alerts.state(response.body()), secret(response.body())))
			.onErrorResume(PermanentSourceException.class, ex -> ex.status() == 404 ? Mono.empty() : Mono.error(ex));
	}

	@Override
	public Mono<Void> revoke(List<RevocableSecret> secrets) {
		if (secrets.isEmpty() || secrets.size() > MAX_PER_REQUEST) {
			return Mono.error(new IllegalArgumentException("GitHub revokes 1 to " + MAX_PER_REQUEST
					+ " credentials per request, not " + secrets.size()));
		}
		return Mono.defer(() -> {
			ObjectNode body = mapper.createObjectNode();
			ArrayNode credentials = body.putArray("credentials");
			secrets.forEach(secret -> credentials.add(secret.value()));
			return client.postRevocation(revokeUrl(), body, isEnterpriseServer());
		}).then();
	}

	private static RevocableSecret secret(JsonNode body) {
		String value = body.path("secret").asText("").strip();
		return PREFIXES.stream().anyMatch(value::startsWith) ? new RevocableSecret(value) : null;
	}

	private String revokeUrl() {
		return UriComponentsBuilder.fromUri(apiUrl).path("/credentials/revoke").build().toUriString();
	}

	/** GHES serves the API under {@code /api/v3} and asks for credentials here; github.com refuses them. */
	private boolean isEnterpriseServer() {
		return apiUrl.getPath().replaceAll("/+$", "").endsWith("/api/v3");
	}

}
