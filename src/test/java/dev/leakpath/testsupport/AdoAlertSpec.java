package dev.leakpath.testsupport;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What varies between two Azure DevOps Advanced Security secret alerts; {@link AdoPayloads#alert(AdoAlertSpec)} fills
 * in the rest. The project and repository names appear in no payload field: they name the alert in messages.
 *
 * @param alertId unique within the organisation
 * @param opaqueId the rule id, such as {@code SEC101/102}, or a partner pattern's own id such as {@code GitHubPat}
 * @param friendlyName the token name, such as {@code AdoPat}
 * @param confidence {@code high} (provider pattern) or {@code other} (generic pattern)
 * @param state {@code active}, {@code dismissed}, {@code fixed} or {@code autoDismissed}
 * @param dismissalType set iff dismissed or autoDismissed: {@code fixed}, {@code acceptedRisk}, {@code falsePositive},
 *     {@code agreedToGuidance}, {@code toolUpgrade} or {@code notDistributed}
 * @param dismissedOn the dismissal's {@code requestedOn}; set iff {@code dismissalType} is
 * @param validityStatus {@code none}, {@code unknown}, {@code active} or {@code inactive}; null leaves out
 *     {@code validityDetails}
 * @param validityLastCheckedDate set iff {@code validityStatus} is
 * @param introducedDate when the secret was committed; whole seconds, as git records it
 * @param fixedDate set iff the state is {@code fixed}
 * @param truncatedSecret the obfuscated fragment the API shows, such as {@code …l4iykq}
 * @param locations one physical location per occurrence, at least one
 */
public record AdoAlertSpec(
		String org,
		String projectId,
		String projectName,
		String repositoryId,
		String repositoryName,
		int alertId,
		String opaqueId,
		String friendlyName,
		String title,
		String confidence,
		String state,
		String dismissalType,
		Instant dismissedOn,
		String validityStatus,
		Instant validityLastCheckedDate,
		Instant introducedDate,
		Instant firstSeenDate,
		Instant lastSeenDate,
		Instant fixedDate,
		String truncatedSecret,
		List<Location> locations) {

	private static final Set<String> CONFIDENCES = Set.of("high", "other");
	private static final Set<String> STATES = Set.of("active", "dismissed", "fixed", "autoDismissed");
	private static final Set<String> DISMISSAL_TYPES =
			Set.of("fixed", "acceptedRisk", "falsePositive", "agreedToGuidance", "toolUpgrade", "notDistributed");
	private static final Set<String> VALIDITY_STATUSES = Set.of("none", "unknown", "active", "inactive");

	/**
	 * Where one occurrence sits in one commit. {@code lineEnd} 0 stands for the unknown end line seen in real data.
	 */
	public record Location(String filePath, int lineStart, int lineEnd, int columnStart, int columnEnd,
			String commitHash) {

		public Location {
			requireNonNull(filePath, "filePath must not be null");
			requireNonNull(commitHash, "commitHash must not be null");
			if (filePath.startsWith("/")) {
				throw new IllegalArgumentException("filePath must be relative to the repository root: " + filePath);
			}
			if (lineStart < 1 || (lineEnd != 0 && lineEnd < lineStart) || columnStart < 1 || columnEnd < columnStart) {
				throw new IllegalArgumentException("invalid region in " + filePath);
			}
			if (!commitHash.matches("[0-9a-f]{40}")) {
				throw new IllegalArgumentException("commitHash must be 40 lowercase hex digits: " + commitHash);
			}
		}
	}

	public AdoAlertSpec {
		requireNonNull(org, "org must not be null");
		requireNonNull(projectId, "projectId must not be null");
		requireNonNull(projectName, "projectName must not be null");
		requireNonNull(repositoryId, "repositoryId must not be null");
		requireNonNull(repositoryName, "repositoryName must not be null");
		requireNonNull(opaqueId, "opaqueId must not be null");
		requireNonNull(friendlyName, "friendlyName must not be null");
		requireNonNull(title, "title must not be null");
		requireNonNull(introducedDate, "introducedDate must not be null");
		requireNonNull(firstSeenDate, "firstSeenDate must not be null");
		requireNonNull(lastSeenDate, "lastSeenDate must not be null");
		requireNonNull(truncatedSecret, "truncatedSecret must not be null");
		locations = List.copyOf(requireNonNull(locations, "locations must not be null"));
		String alert = "alert " + alertId + " in " + projectName + "/" + repositoryName;
		if (alertId < 1) {
			throw new IllegalArgumentException(alert + ": alertId must be positive");
		}
		requireOneOf(alert, "confidence", confidence, CONFIDENCES);
		requireOneOf(alert, "state", state, STATES);
		boolean dismissed = "dismissed".equals(state) || "autoDismissed".equals(state);
		if (dismissed != (dismissalType != null) || dismissed != (dismissedOn != null)) {
			throw new IllegalArgumentException(alert + ": dismissalType and dismissedOn must be set iff dismissed");
		}
		if (dismissed) {
			requireOneOf(alert, "dismissalType", dismissalType, DISMISSAL_TYPES);
		}
		if ("fixed".equals(state) != (fixedDate != null)) {
			throw new IllegalArgumentException(alert + ": fixedDate must be set iff the state is fixed");
		}
		if ((validityStatus == null) != (validityLastCheckedDate == null)) {
			throw new IllegalArgumentException(alert + ": validityStatus and validityLastCheckedDate go together");
		}
		if (validityStatus != null) {
			requireOneOf(alert, "validityStatus", validityStatus, VALIDITY_STATUSES);
		}
		if (firstSeenDate.isBefore(introducedDate) || lastSeenDate.isBefore(firstSeenDate)
				|| (fixedDate != null && fixedDate.isBefore(lastSeenDate))
				|| (dismissedOn != null && dismissedOn.isBefore(firstSeenDate))) {
			throw new IllegalArgumentException(alert + ": dates must run introduced <= firstSeen <= lastSeen <= fixed,"
					+ " and a dismissal must follow firstSeen");
		}
		if (!truncatedSecret.startsWith("…")) {
			throw new IllegalArgumentException(alert + ": truncatedSecret must start with an ellipsis, like the API's");
		}
		if (locations.isEmpty()) {
			throw new IllegalArgumentException(alert + ": a secret alert has at least one physical location");
		}
	}

	private static void requireOneOf(String alert, String name, String value, Set<String> allowed) {
		if (!allowed.contains(value)) {
			throw new IllegalArgumentException(alert + ": " + name + " must be one of " + allowed + ": " + value);
		}
	}
}
