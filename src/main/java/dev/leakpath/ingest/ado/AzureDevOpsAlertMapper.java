package dev.leakpath.ingest.ado;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakpath.model.AlertDetails;
import dev.leakpath.model.AlertStates;
import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.model.NormalizedLocation;
import dev.leakpath.ingest.ado.payload.AlertPayload;

/**
 * Maps Azure DevOps secret alerts to {@link NormalizedAlert}. The secret itself is never available (ADO
 * returns a truncated fragment only), so an ADO alert has no fingerprint and is never merged with another.
 */
final class AzureDevOpsAlertMapper {

	private final ObjectMapper mapper;

	AzureDevOpsAlertMapper(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	NormalizedAlert toAlert(JsonNode item, AzureDevOpsRepository repository, String apiUrl)
			throws MalformedAzureDevOpsAlertException {
		if (item == null || !item.isObject()) {
			throw new MalformedAzureDevOpsAlertException("alert is not a JSON object");
		}
		AlertPayload alert;
		try {
			alert = mapper.treeToValue(item, AlertPayload.class);
		}
		catch (JsonMappingException ex) {
			throw new MalformedAzureDevOpsAlertException("unreadable field '" + ex.getPath()
				.stream()
				.map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
				.collect(Collectors.joining(".")) + "'");
		}
		catch (JsonProcessingException ex) {
			throw new MalformedAzureDevOpsAlertException("unreadable alert JSON");
		}
		if (alert.alertId() == null) {
			throw new MalformedAzureDevOpsAlertException("missing field 'alertId'");
		}
		Instant created = alert.firstSeenDate() != null ? alert.firstSeenDate() : alert.introducedDate();
		if (created == null || alert.state() == null) {
			throw new MalformedAzureDevOpsAlertException(created == null ? "missing field 'firstSeenDate'"
					: "missing field 'state'");
		}
		AlertPayload.Rule rule = rule(alert);
		Instant updated = updatedAt(alert);
		Instant resolved = resolvedAt(alert);
		String secretType = rule == null ? "unknown"
				: rule.friendlyName() != null ? rule.friendlyName() : String.valueOf(rule.opaqueId());
		String dismissalType = alert.dismissal() == null ? null : alert.dismissal().dismissalType();
		AlertPayload.ValidityDetails validity = alert.validityDetails();
		return new NormalizedAlert(AzureDevOpsRepository.PROVIDER, repository.normalized(),
				String.valueOf(alert.alertId()), secretType, alert.title(), rule == null ? null : rule.opaqueId(),
				AlertStates.fromAzureDevOps(alert.state()), alert.state(),
				AlertStates.azureDevOpsResolution(alert.state(), dismissalType), dismissalType,
				validity == null ? null : validity.validityStatus(),
				validity == null ? null : validity.validityLastCheckedDate(), null, null, created, updated, resolved,
				repository.webUrl() == null ? null : repository.webUrl() + "/alerts/" + alert.alertId(),
				apiUrl + "/" + alert.alertId(), null, locations(alert, repository), details(alert.dismissal()));
	}

	/** The latest of its last sighting, its fix and its dismissal: Azure DevOps says no more. */
	static Instant updatedAt(AlertPayload alert) {
		Instant dismissedAt = alert.dismissal() == null ? null : alert.dismissal().requestedOn();
		return Stream.of(alert.lastSeenDate(), alert.fixedDate(), dismissedAt)
			.filter(Objects::nonNull)
			.max(Instant::compareTo)
			.orElse(null);
	}

	/** When a scan found it fixed, or when it was dismissed; null while it is active. */
	static Instant resolvedAt(AlertPayload alert) {
		Instant dismissedAt = alert.dismissal() == null ? null : alert.dismissal().requestedOn();
		return alert.fixedDate() != null ? alert.fixedDate()
				: "dismissed".equals(alert.state()) || "autoDismissed".equals(alert.state()) ? dismissedAt : null;
	}

	/** Azure DevOps has no assignee; a dismissal says who closed the alert and why. */
	private static AlertDetails details(AlertPayload.Dismissal dismissal) {
		if (dismissal == null) {
			return AlertDetails.NONE;
		}
		AlertPayload.Identity by = dismissal.stateChangedByIdentity();
		String who = by == null ? null : by.uniqueName() != null ? by.uniqueName() : by.displayName();
		return new AlertDetails(null, who, dismissal.message(), null, null, null);
	}

	private static AlertPayload.Rule rule(AlertPayload alert) {
		if (alert.tools() == null) {
			return null;
		}
		return alert.tools()
			.stream()
			.filter(tool -> tool.rules() != null)
			.flatMap(tool -> tool.rules().stream())
			.findFirst()
			.orElse(null);
	}

	private static List<NormalizedLocation> locations(AlertPayload alert, AzureDevOpsRepository repository) {
		if (alert.physicalLocations() == null) {
			return List.of();
		}
		return alert.physicalLocations().stream().filter(Objects::nonNull).map(location -> {
			AlertPayload.Region region = location.region();
			Integer start = region == null ? null : region.lineStart();
			// real payloads carry lineEnd 0 for one-line findings
			Integer end = region == null || region.lineEnd() == null || region.lineEnd() == 0 ? start : region.lineEnd();
			String commit = location.versionControl() == null ? null : location.versionControl().commitHash();
			String path = location.filePath() == null ? null : location.filePath().replaceFirst("^/+", "");
			return new NormalizedLocation("commit", path, start, end, region == null ? null : region.columnStart(),
					region == null ? null : region.columnEnd(), commit, null,
					fileUrl(repository.webUrl(), path, commit, start, end, region),
					repository.webUrl() == null || commit == null ? null : repository.webUrl() + "/commit/" + commit,
					location.versionControl() == null ? null : location.versionControl().itemUrl());
		}).toList();
	}

	private static String fileUrl(String webUrl, String path, String commit, Integer start, Integer end,
			AlertPayload.Region region) {
		if (webUrl == null || path == null) {
			return null;
		}
		StringBuilder url = new StringBuilder(webUrl).append("?path=")
			.append(URLEncoder.encode("/" + path, StandardCharsets.UTF_8));
		if (commit != null) {
			url.append("&version=GC").append(commit);
		}
		if (start != null) {
			url.append("&line=").append(start).append("&lineEnd=").append(end);
			if (region.columnStart() != null && region.columnEnd() != null) {
				url.append("&lineStartColumn=").append(region.columnStart()).append("&lineEndColumn=").append(region.columnEnd());
			}
			url.append("&lineStyle=plain");
		}
		return url.toString();
	}

}
