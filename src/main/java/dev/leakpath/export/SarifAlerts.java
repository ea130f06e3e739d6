package dev.leakpath.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;

import dev.leakpath.model.AlertStates;
import dev.leakpath.alert.AlertExportRow;
import dev.leakpath.alert.AlertExports.SecretType;
import dev.leakpath.alert.AlertView;

/**
 * Alerts as a SARIF 2.1.0 log: one run, one rule per secret type, one result per location (an alert without
 * a file location is one result without {@code locations}). Results carry the secret's fingerprint as a
 * partial fingerprint, never its value or preview.
 */
public final class SarifAlerts {

	private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

	private SarifAlerts() {
	}

	public static Flux<String> write(ObjectMapper json, List<SecretType> secretTypes, Flux<AlertExportRow> rows) {
		Map<String, Object> driver = new LinkedHashMap<>();
		driver.put("name", "leakpath");
		driver.put("informationUri", "https://github.com/leakpath/leakpath");
		driver.put("rules", secretTypes.stream().map(SarifAlerts::rule).toList());
		String head = "{\"$schema\":\"" + SCHEMA + "\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":"
				+ JsonArrays.toJson(json, driver) + "},\"results\":[";
		return Flux.concat(Flux.just(head), JsonArrays.elements(json, rows.map(SarifAlerts::result)),
				Flux.just("]}]}"));
	}

	private static Map<String, Object> rule(SecretType type) {
		String name = type.displayName() == null ? type.id() : type.displayName();
		return Map.of("id", type.id(), "name", type.id(), "shortDescription", Map.of("text", "Exposed " + name),
				"helpUri", "https://docs.github.com/code-security/secret-scanning",
				"defaultConfiguration", Map.of("level", "error"));
	}

	private static Map<String, Object> result(AlertExportRow row) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("ruleId", row.secretType());
		boolean open = AlertStates.OPEN.equals(row.state());
		result.put("level", open ? "error" : "note");
		String name = row.secretTypeDisplayName() == null ? row.secretType() : row.secretTypeDisplayName();
		result.put("message", Map.of("text", "Exposed " + name + " in " + row.repository() + " (" + row.state() + ")"));
		AlertView.Location location = row.location();
		if (location != null && location.path() != null) {
			Map<String, Object> region = new LinkedHashMap<>();
			putIfPresent(region, "startLine", location.startLine());
			putIfPresent(region, "endLine", location.endLine());
			putIfPresent(region, "startColumn", location.startColumn());
			putIfPresent(region, "endColumn", location.endColumn());
			Map<String, Object> physical = new LinkedHashMap<>();
			physical.put("artifactLocation", Map.of("uri", location.path()));
			if (!region.isEmpty()) {
				physical.put("region", region);
			}
			result.put("locations", List.of(Map.of("physicalLocation", physical)));
		}
		if (row.fingerprint() != null) {
			result.put("partialFingerprints", Map.of("leakpathSecretFingerprint/v1", row.fingerprint()));
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("alertId", row.alertId());
		properties.put("provider", row.provider());
		properties.put("organization", row.organization());
		properties.put("repository", row.repository());
		properties.put("providerAlertId", row.providerAlertId());
		properties.put("state", row.state());
		properties.put("validity", row.validity());
		properties.put("alertUrl", row.alertUrl());
		if (location != null) {
			properties.put("locationType", location.type());
			properties.put("commitSha", location.commitSha());
			properties.put("fileUrl", location.fileUrl());
		}
		properties.put("targetResourceType", row.targetResourceType());
		properties.put("targetName", row.targetName());
		properties.put("targetExists", row.targetExists());
		result.put("properties", properties);
		return result;
	}

	private static void putIfPresent(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
