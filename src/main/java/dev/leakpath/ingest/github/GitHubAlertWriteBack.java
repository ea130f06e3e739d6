package dev.leakpath.ingest.github;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.AlertChange;
import dev.leakpath.ingest.AlertWriteBack;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.ProviderAlertState;
import dev.leakpath.ingest.github.payload.AlertPayload;
import dev.leakpath.ingest.github.payload.UserPayload;
import dev.leakpath.model.AlertReference;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Triage on GitHub: {@code GET} and {@code PATCH /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}}
 * (operations {@code secret-scanning/get-alert} and {@code secret-scanning/update-alert} of GitHub's REST
 * description), with {@code state}, {@code resolution}, {@code resolution_comment} and {@code assignee}. Needs
 * "Secret scanning alerts: write" (a classic token: {@code security_events} or {@code repo}).
 */
final class GitHubAlertWriteBack implements AlertWriteBack {

	/**
	 * leakpath's resolutions as GitHub's ({@code secret-scanning-alert-resolution}: {@code false_positive},
	 * {@code wont_fix}, {@code revoked}, {@code used_in_tests}); Azure DevOps's words map to their nearest.
	 */
	private static final Map<String, String> RESOLUTIONS = Map.of("revoked", "revoked", "fixed", "revoked",
			"false_positive", "false_positive", "used_in_tests", "used_in_tests", "wont_fix", "wont_fix",
			"accepted_risk", "wont_fix");

	private final URI apiUrl;

	private final GitHubClient client;

	private final ObjectMapper mapper;

	GitHubAlertWriteBack(URI apiUrl, GitHubClient client, ObjectMapper mapper) {
		this.apiUrl = apiUrl;
		this.client = client;
		this.mapper = mapper;
	}

	@Override
	public boolean keepsAssignees() {
		return true;
	}

	/** With {@code hide_secret}: the secret is not needed to triage, so it is not fetched at all. */
	@Override
	public Mono<ProviderAlertState> read(AlertReference alert) {
		String url = UriComponentsBuilder.fromUriString(alertUrl(alert)).queryParam("hide_secret", "true").toUriString();
		return client.get(url, null)
			.map(response -> state(response.body()))
			.onErrorResume(PermanentSourceException.class, ex -> ex.status() == 404 ? Mono.empty() : Mono.error(ex));
	}

	@Override
	public boolean reached(ProviderAlertState state, AlertChange change) {
		switch (change.kind()) {
			case ASSIGN:
				return state.assignee() != null && change.assignee().equalsIgnoreCase(state.assignee());
			case CLOSE:
				return "resolved".equals(state.state()) && resolution(change).equals(state.resolution());
			case REOPEN:
				return "open".equals(state.state());
			default:
				throw new IllegalStateException("unknown change " + change.kind());
		}
	}

	@Override
	public Mono<ProviderAlertState> write(AlertReference alert, AlertChange change) {
		return Mono.defer(() -> client.patch(alertUrl(alert), body(change))).map(response -> state(response.body()));
	}

	/** The body of {@code update-alert}: at least one of {@code state} and {@code assignee}. */
	private ObjectNode body(AlertChange change) {
		ObjectNode body = mapper.createObjectNode();
		switch (change.kind()) {
			case ASSIGN:
				return body.put("assignee", change.assignee());
			case CLOSE:
				body.put("state", "resolved").put("resolution", resolution(change));
				break;
			case REOPEN:
				body.put("state", "open");
				break;
			default:
				throw new IllegalStateException("unknown change " + change.kind());
		}
		// "An optional comment when closing or reopening an alert. Cannot be updated or deleted."
		return change.comment() == null ? body : body.put("resolution_comment", change.comment());
	}

	private static String resolution(AlertChange change) {
		String resolution = RESOLUTIONS.get(change.resolution());
		if (resolution == null) {
			throw new IllegalArgumentException("GitHub has no resolution for '" + change.resolution() + "'");
		}
		return resolution;
	}

	String alertUrl(AlertReference alert) {
		return UriComponentsBuilder.fromUri(apiUrl)
			.path("/repos/{fullName}/secret-scanning/alerts/{number}")
			.buildAndExpand(alert.repository(), alert.alertId())
			.encode()
			.toUriString();
	}

	/** The answer holds the secret unless {@code hide_secret} was asked for: only the triage fields are kept. */
	ProviderAlertState state(JsonNode body) {
		AlertPayload alert;
		try {
			alert = mapper.treeToValue(body, AlertPayload.class);
		}
		catch (JsonProcessingException ex) {
			// Jackson's message may quote a value, which can be the secret: say nothing of the content
			throw new IllegalStateException("GitHub answered an alert leakpath cannot read");
		}
		return new ProviderAlertState(alert.state(), alert.resolution(),
				UserPayload.login(alert.assignedTo()), alert.resolvedAt(), alert.updatedAt());
	}

}
