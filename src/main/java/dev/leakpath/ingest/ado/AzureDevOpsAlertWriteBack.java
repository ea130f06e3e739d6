package dev.leakpath.ingest.ado;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.AlertChange;
import dev.leakpath.ingest.AlertWriteBack;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.ProviderAlertState;
import dev.leakpath.ingest.ado.payload.AlertPayload;
import dev.leakpath.model.AlertReference;
import dev.leakpath.model.NormalizedRepository;

/**
 * Triage on Azure DevOps Advanced Security: {@code Alerts_Get} and {@code Alerts_Update} of
 * {@code specification/advancedSecurity/7.2/alert.json} ({@code PATCH …/_apis/alert/repositories/{repository}/alerts/{alertId}}
 * with an {@code AlertStateUpdate}: {@code state}, {@code dismissedReason}, {@code dismissedComment}). Needs the
 * scope {@code vso.advsec_manage} and the permission "Advanced Security: Manage and dismiss alerts". Azure DevOps
 * alerts have no assignee.
 */
final class AzureDevOpsAlertWriteBack implements AlertWriteBack {

	private static final String API_VERSION = "7.2-preview.1";

	/**
	 * leakpath's resolutions as the secret-alert closure reasons of Azure DevOps ({@code fixed}, {@code acceptedRisk},
	 * {@code falsePositive}); GitHub's words map to their nearest: a secret used in tests, or one that will not be
	 * fixed, is an accepted risk.
	 */
	private static final Map<String, String> REASONS = Map.of("revoked", "fixed", "fixed", "fixed", "false_positive",
			"falsePositive", "used_in_tests", "acceptedRisk", "wont_fix", "acceptedRisk", "accepted_risk",
			"acceptedRisk");

	private final URI advsecUrl;

	private final AzureDevOpsClient client;

	private final ObjectMapper mapper;

	AzureDevOpsAlertWriteBack(URI advsecUrl, AzureDevOpsClient client, ObjectMapper mapper) {
		this.advsecUrl = advsecUrl;
		this.client = client;
		this.mapper = mapper;
	}

	@Override
	public boolean keepsAssignees() {
		return false;
	}

	/** Without {@code expand}: {@code validationFingerprint} could bring the secret itself. */
	@Override
	public Mono<ProviderAlertState> read(AlertReference alert) {
		return Mono.defer(() -> client.get(alertUrl(alert)))
			.map(response -> state(response.body()))
			.onErrorResume(PermanentSourceException.class, ex -> ex.status() == 404 ? Mono.empty() : Mono.error(ex));
	}

	@Override
	public boolean reached(ProviderAlertState state, AlertChange change) {
		switch (change.kind()) {
			case CLOSE:
				return "dismissed".equalsIgnoreCase(state.state()) && reason(change).equalsIgnoreCase(state.resolution());
			case REOPEN:
				return "active".equalsIgnoreCase(state.state());
			default:
				throw new IllegalArgumentException("Azure DevOps alerts have no assignee: leakpath keeps it");
		}
	}

	@Override
	public Mono<ProviderAlertState> write(AlertReference alert, AlertChange change) {
		return Mono.defer(() -> client.patch(alertUrl(alert), body(change))).map(response -> state(response.body()));
	}

	private ObjectNode body(AlertChange change) {
		ObjectNode body = mapper.createObjectNode();
		switch (change.kind()) {
			case CLOSE:
				body.put("state", "dismissed").put("dismissedReason", reason(change));
				return change.comment() == null ? body : body.put("dismissedComment", change.comment());
			case REOPEN:
				return body.put("state", "active");
			default:
				throw new IllegalArgumentException("Azure DevOps alerts have no assignee: leakpath keeps it");
		}
	}

	private static String reason(AlertChange change) {
		String reason = REASONS.get(change.resolution());
		if (reason == null) {
			throw new IllegalArgumentException("Azure DevOps has no dismissal reason for '" + change.resolution() + "'");
		}
		return reason;
	}

	/** By the stored repository's project and id, which the spec takes as well as names (and which renames keep). */
	private HttpUrl alertUrl(AlertReference alert) {
		NormalizedRepository repository = alert.repositoryHint();
		if (repository == null || repository.project() == null || repository.providerRepoId() == null) {
			throw new IllegalArgumentException("Azure DevOps alert " + alert.alertId() + " of " + alert.repository()
					+ " names no project and repository id");
		}
		return HttpUrl.get(advsecUrl)
			.newBuilder()
			.addPathSegment(alert.scope())
			.addPathSegment(repository.project())
			.addPathSegments("_apis/alert/repositories")
			.addPathSegment(repository.providerRepoId())
			.addPathSegment("alerts")
			.addPathSegment(alert.alertId())
			.addQueryParameter("api-version", API_VERSION)
			.build();
	}

	/** The state and dismissal as {@link AzureDevOpsAlertMapper} stores them, so that the two compare. */
	private ProviderAlertState state(JsonNode body) {
		AlertPayload alert;
		try {
			alert = mapper.treeToValue(body, AlertPayload.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Azure DevOps answered an alert leakpath cannot read");
		}
		return new ProviderAlertState(alert.state(), alert.dismissal() == null ? null : alert.dismissal().dismissalType(),
				null, AzureDevOpsAlertMapper.resolvedAt(alert), AzureDevOpsAlertMapper.updatedAt(alert));
	}

}
