package dev.leakpath.ingest.ado.payload;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An item of {@code GET …/_apis/alert/repositories/{repository}/alerts} (definition Alert). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertPayload(Long alertId, String severity, String title, List<Tool> tools, Dismissal dismissal,
		String alertType, Instant firstSeenDate, Instant lastSeenDate, Instant fixedDate, Instant introducedDate,
		String state, List<PhysicalLocation> physicalLocations, String confidence, ValidityDetails validityDetails) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Tool(String name, List<Rule> rules) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Rule(String opaqueId, String friendlyName) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Dismissal(String dismissalType, Instant requestedOn, String message, Identity stateChangedByIdentity) {
	}

	/** An IdentityRef: who changed the state. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Identity(String displayName, String uniqueName) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record PhysicalLocation(String filePath, Region region, VersionControl versionControl) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Region(Integer lineStart, Integer lineEnd, Integer columnStart, Integer columnEnd) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record VersionControl(String commitHash, String itemUrl) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ValidityDetails(String validityStatus, Instant validityLastCheckedDate) {
	}

}
