package dev.leakpath.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

import dev.leakpath.alert.AlertExportRow;
import dev.leakpath.alert.AlertView;
import dev.leakpath.model.AlertStates;
import dev.leakpath.secrettype.SecretType;

/**
 * One repository's SARIF run, as its rows stream by: a result per location in a file of the repository, and a
 * count, by location type, of what code scanning has no place for (issue and pull-request text, wiki pages, an
 * alert without a location, a file location without a line), which is left out. What only the whole run tells
 * (its rules, its one commit, the count) is written after its results, with its repository's owners. Not thread-safe: one run is written by one
 * subscriber.
 */
final class SarifRun {

	/** Where the paths of a run's results start: the root of the repository its provenance names. */
	static final String SOURCE_ROOT = "%SRCROOT%";

	static final String FINGERPRINT = "leakpathSecretLocation/v1";

	private static final String COMMIT = "commit";

	private static final String NO_LOCATION = "none";

	private final AlertExportRow repository;

	private final BiFunction<String, String, SecretType> secretTypes;

	/** The secret types seen, by rule id. */
	private final Map<String, SecretType> rules = new TreeMap<>();

	private final Map<String, Long> omitted = new TreeMap<>();

	private long results;

	/** The commit of the run's first result, and whether every other one is at it too. */
	private String commit;

	private boolean oneCommit = true;

	/**
	 * @param first the run's first row, which names its repository
	 * @param secretTypes a secret type by its id and the provider's display name
	 */
	SarifRun(AlertExportRow first, BiFunction<String, String, SecretType> secretTypes) {
		this.repository = first;
		this.secretTypes = secretTypes;
	}

	long repositoryId() {
		return repository.repositoryId();
	}

	/** The row's result, or empty when its location is left out (and counted). */
	Optional<Map<String, Object>> result(AlertExportRow row) {
		// by rule id: two provider words that differ only where an id cannot hold them are one rule
		SecretType type = rules.computeIfAbsent(SarifRules.id(row.secretType()),
				id -> secretTypes.apply(row.secretType(), row.secretTypeDisplayName()));
		AlertView.Location location = row.location();
		Map<String, Object> region = location == null ? Map.of() : region(location);
		if (location == null || !COMMIT.equals(location.type()) || location.path() == null || region.isEmpty()) {
			omitted.merge(location == null ? NO_LOCATION : location.type(), 1L, Long::sum);
			return Optional.empty();
		}
		seen(location.commitSha());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("ruleId", SarifRules.id(row.secretType()));
		result.put("level", AlertStates.OPEN.equals(row.state()) ? "error" : "note");
		// SARIF's rank is a priority from 0 to 100, as the risk score is
		result.put("rank", row.riskScore());
		String name = type.name() == null ? row.secretType() : type.name();
		result.put("message", Map.of("text", "Exposed " + name + " (" + row.state() + "), alert "
				+ row.providerAlertId() + " of " + row.repository() + "."));
		// in a fixed order, as every member: the same alerts export as the same bytes
		Map<String, Object> artifact = new LinkedHashMap<>();
		artifact.put("uri", SarifUris.relative(location.path()));
		artifact.put("uriBaseId", SOURCE_ROOT);
		Map<String, Object> physical = new LinkedHashMap<>();
		physical.put("artifactLocation", artifact);
		physical.put("region", region);
		result.put("locations", List.of(Map.of("physicalLocation", physical)));
		result.put("partialFingerprints", Map.of(FINGERPRINT, fingerprint(row, location)));
		result.put("properties", properties(row, location));
		return Optional.of(result);
	}

	/**
	 * The run's members after its results: the tool with a rule per secret type seen, the run's category (code
	 * scanning keeps one analysis per tool and category: each repository's run is its own), the repository as
	 * provenance and the left-out count.
	 */
	Map<String, Object> tail(Map<String, Object> driver) {
		Map<String, Object> withRules = new LinkedHashMap<>(driver);
		withRules.put("rules",
				rules.values().stream().map(type -> SarifRules.rule(type, repository.provider())).toList());
		Map<String, Object> tail = new LinkedHashMap<>();
		tail.put("tool", Map.of("driver", withRules));
		tail.put("automationDetails",
				Map.of("id", "leakpath/" + repository.provider() + "/" + repository.repository() + "/"));
		if (repository.repositoryUrl() != null) {
			Map<String, Object> provenance = new LinkedHashMap<>();
			provenance.put("repositoryUri", repository.repositoryUrl());
			if (oneCommit && commit != null) {
				provenance.put("revisionId", commit);
			}
			putIfPresent(provenance, "branch", repository.defaultBranch());
			provenance.put("mappedTo", Map.of("uriBaseId", SOURCE_ROOT));
			tail.put("versionControlProvenance", List.of(provenance));
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("provider", repository.provider());
		putIfPresent(properties, "organization", repository.organization());
		properties.put("repository", repository.repository());
		properties.put("owners", repository.owners());
		properties.put("omittedLocations", omitted);
		tail.put("properties", properties);
		return tail;
	}

	/**
	 * Lines and columns as SARIF has them (from 1, an end not before its start); no line, no region, and a
	 * result without one is left out.
	 */
	private static Map<String, Object> region(AlertView.Location location) {
		Integer startLine = location.startLine();
		if (startLine == null || startLine < 1) {
			return Map.of();
		}
		Map<String, Object> region = new LinkedHashMap<>();
		region.put("startLine", startLine);
		Integer startColumn = positive(location.startColumn());
		putIfPresent(region, "startColumn", startColumn);
		Integer endLine = location.endLine() != null && location.endLine() >= startLine ? location.endLine() : null;
		putIfPresent(region, "endLine", endLine);
		Integer endColumn = positive(location.endColumn());
		boolean oneLine = endLine == null || endLine.equals(startLine);
		if (endColumn != null && (!oneLine || startColumn == null || endColumn >= startColumn)) {
			region.put("endColumn", endColumn);
		}
		return region;
	}

	private void seen(String commitSha) {
		if (results++ == 0) {
			commit = commitSha;
		}
		else if (!Objects.equals(commitSha, commit)) {
			oneCommit = false;
		}
	}

	/**
	 * The secret and the location, hashed: the same secret at the same place is the same result in every export.
	 * A secret Azure DevOps withheld and leakpath could not read is its alert.
	 */
	static String fingerprint(AlertExportRow row, AlertView.Location location) {
		String secret = row.fingerprint() != null ? "secret:" + row.fingerprint()
				: "alert:" + row.provider() + ":" + row.organization() + ":" + row.providerAlertId();
		String key = String.join("\n", secret, location.type(), String.valueOf(location.commitSha()), location.path(),
				String.valueOf(location.startLine()), String.valueOf(location.startColumn()));
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

	private static Map<String, Object> properties(AlertExportRow row, AlertView.Location location) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("alertId", row.alertId());
		properties.put("provider", row.provider());
		putIfPresent(properties, "organization", row.organization());
		properties.put("repository", row.repository());
		properties.put("providerAlertId", row.providerAlertId());
		properties.put("state", row.state());
		putIfPresent(properties, "validity", row.validity());
		putIfPresent(properties, "alertUrl", row.alertUrl());
		putIfPresent(properties, "secretFingerprint", row.fingerprint());
		// the score is the result's rank; the owners, its repository's, are the run's
		properties.put("riskLevel", row.riskLevel());
		properties.put("openAttackPaths", row.openAttackPaths());
		putIfPresent(properties, "commitSha", location.commitSha());
		putIfPresent(properties, "fileUrl", location.fileUrl());
		putIfPresent(properties, "targetResourceType", row.targetResourceType());
		putIfPresent(properties, "targetName", row.targetName());
		putIfPresent(properties, "targetExists", row.targetExists());
		return properties;
	}

	private static Integer positive(Integer value) {
		return value != null && value >= 1 ? value : null;
	}

	private static void putIfPresent(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
