package dev.leakpath.ingest.github;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakpath.model.AlertDetails;
import dev.leakpath.model.AlertStates;
import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.model.NormalizedLocation;
import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.ingest.github.payload.AlertPayload;
import dev.leakpath.ingest.github.payload.RepositoryPayload;
import dev.leakpath.ingest.github.payload.UserPayload;

/** Maps GitHub alerts (org list items, or one alert read from its repository) to {@link NormalizedAlert}. */
final class GitHubAlertMapper {

	static final String PROVIDER = "github";

	private final ObjectMapper mapper;

	GitHubAlertMapper(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/** Reads an org alert list item, which names its repository. */
	AlertPayload read(JsonNode item) throws MalformedAlertException {
		AlertPayload payload = parse(item);
		requirePresent(payload.repository(), "repository");
		requirePresent(payload.repository().fullName(), "repository.full_name");
		return payload;
	}

	/** Reads an alert of {@code GET /repos/{owner}/{repo}/secret-scanning/alerts/{number}}. */
	AlertPayload read(JsonNode item, RepositoryPayload repository) throws MalformedAlertException {
		return parse(item).withRepository(repository);
	}

	private AlertPayload parse(JsonNode item) throws MalformedAlertException {
		if (item == null || !item.isObject()) {
			throw new MalformedAlertException("alert is not a JSON object");
		}
		AlertPayload payload;
		try {
			payload = mapper.treeToValue(item, AlertPayload.class);
		}
		catch (JsonMappingException ex) {
			// Jackson's own message may quote the offending value, which can be the secret: name the field only
			throw new MalformedAlertException("unreadable field '" + path(ex) + "'");
		}
		catch (JsonProcessingException ex) {
			throw new MalformedAlertException("unreadable alert JSON");
		}
		requirePresent(payload.number(), "number");
		requirePresent(payload.createdAt(), "created_at");
		requirePresent(payload.state(), "state");
		requirePresent(payload.secretType(), "secret_type");
		return payload;
	}

	static NormalizedAlert toAlert(NormalizedRepository repository, AlertPayload alert,
			List<NormalizedLocation> locations) {
		return new NormalizedAlert(PROVIDER, repository, String.valueOf(alert.number()), alert.secretType(),
				alert.secretTypeDisplayName(), null, AlertStates.fromGitHub(alert.state()), alert.state(),
				AlertStates.gitHubResolution(alert.state(), alert.resolution()), alert.resolution(), alert.validity(),
				null, alert.publiclyLeaked(), alert.multiRepo(), alert.createdAt(), alert.updatedAt(),
				alert.resolvedAt(), alert.htmlUrl(), alert.url(), alert.secret(), locations, details(alert));
	}

	private static AlertDetails details(AlertPayload alert) {
		boolean bypassKnown = alert.pushProtectionBypassed() != null || alert.pushProtectionBypassedBy() != null
				|| alert.pushProtectionBypassRequestReviewer() != null;
		AlertDetails.PushProtectionBypass bypass = bypassKnown ? new AlertDetails.PushProtectionBypass(
				alert.pushProtectionBypassed(), UserPayload.login(alert.pushProtectionBypassedBy()),
				alert.pushProtectionBypassedAt(), UserPayload.login(alert.pushProtectionBypassRequestReviewer()),
				alert.pushProtectionBypassRequestReviewerComment(), alert.pushProtectionBypassRequestComment(),
				alert.pushProtectionBypassRequestHtmlUrl()) : null;
		return new AlertDetails(UserPayload.login(alert.assignedTo()), UserPayload.login(alert.resolvedBy()),
				alert.resolutionComment(), bypass, alert.base64Encoded(), alert.provider());
	}

	/** Whether the list item carries all of the alert's locations, so /locations need not be called. */
	static boolean hasAllLocations(AlertPayload alert) {
		return !Boolean.TRUE.equals(alert.hasMoreLocations()) && alert.firstLocationDetected() != null
				&& alert.firstLocationDetected().isObject();
	}

	static List<NormalizedLocation> firstLocation(AlertPayload alert) {
		return List.of(GitHubLocationMapper.fromFirstDetected(alert.firstLocationDetected(),
				alert.repository().htmlUrl(), alert.htmlUrl()));
	}

	/** The repository as an alert list item summarises it: no visibility beyond public, no metadata. */
	static NormalizedRepository repository(String organization, RepositoryPayload repository) {
		String fullName = repository.fullName();
		String name = repository.name() != null ? repository.name() : fullName.substring(fullName.indexOf('/') + 1);
		String visibility = repository.isPrivate() == null ? null : repository.isPrivate() ? null : "public";
		return new NormalizedRepository(PROVIDER, organization, null, name, fullName,
				repository.id() == null ? null : String.valueOf(repository.id()), repository.htmlUrl(), visibility,
				null, null, false);
	}

	private static void requirePresent(Object value, String field) throws MalformedAlertException {
		if (value == null) {
			throw new MalformedAlertException("missing field '" + field + "'");
		}
	}

	private static String path(JsonMappingException ex) {
		return ex.getPath()
			.stream()
			.map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."));
	}

}
