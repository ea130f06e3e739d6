package dev.leakpath.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * Azure DevOps REST payloads in the shapes of the official specs: core and git 7.1 for projects and repositories,
 * Advanced Security alert 7.2-preview.1 for secret alerts. URLs are real {@code dev.azure.com} ones.
 */
public final class AdoPayloads {

	/** The part of a project that a {@code GitRepository} repeats. */
	public record ProjectRef(String id, String name, String visibility) {
	}

	private static final String WEB = "https://dev.azure.com";
	private static final String SECRETS_TOOL = "Advanced Security Secrets Scanning";
	// Azure DevOps's own service identity: what a system dismissal names as stateChangedBy.
	private static final String SERVICE_IDENTITY = "00000002-0000-8888-8000-000000000000";
	private static final String DISMISSER_ID = "7f9e30c1-4d76-4bd8-a672-994b15e17d46";
	private static final String DISMISSER_DESCRIPTOR = "aad.N2Y5ZTMwYzEtNGQ3Ni03YmQ4LWE2NzItOTk0YjE1ZTE3ZDQ2";
	private static final Instant PROJECTS_EPOCH = Instant.parse("2026-03-02T08:00:00Z");
	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
	// The API prints up to 7 fractional digits (.NET ticks) and drops trailing zeros, as in 2023-03-06T09:34:42Z.
	private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
			.appendPattern("uuuu-MM-dd'T'HH:mm:ss")
			.appendFraction(ChronoField.NANO_OF_SECOND, 0, 7, true)
			.appendLiteral('Z')
			.toFormatter()
			.withZone(ZoneOffset.UTC);

	private AdoPayloads() {
	}

	/** {@code TeamProjectReference}: an item of {@code GET {org}/_apis/projects}; its {@code url} names the org. */
	public static ObjectNode project(String org, String id, String name, String visibility) {
		int hash = Math.floorMod(id.hashCode(), 100_000);
		return JSON.objectNode()
				.put("id", id)
				.put("name", name)
				.put("description", name + " team project")
				.put("url", WEB + "/" + org + "/_apis/projects/" + id)
				.put("state", "wellFormed")
				.put("revision", 400_000_000 + hash)
				.put("visibility", visibility)
				.put("lastUpdateTime", date(PROJECTS_EPOCH.plus(Duration.ofSeconds(hash).plusMillis(hash % 997))));
	}

	/** {@code GitRepository}: an item of {@code GET {org}/{project}/_apis/git/repositories}. */
	public static ObjectNode repository(String org, ProjectRef project, String id, String name, boolean disabled,
			String defaultBranch) {
		String projectPath = org + "/" + project.name();
		ObjectNode repository = JSON.objectNode()
				.put("id", id)
				.put("name", name)
				.put("url", WEB + "/" + org + "/" + project.id() + "/_apis/git/repositories/" + id)
				.set("project", JSON.objectNode()
						.put("id", project.id())
						.put("name", project.name())
						.put("url", WEB + "/" + org + "/_apis/projects/" + project.id())
						.put("state", "wellFormed")
						.put("visibility", project.visibility()));
		return repository.put("defaultBranch", defaultBranch)
				.put("size", 100_000 + Math.floorMod(id.hashCode(), 40_000_000))
				.put("remoteUrl", "https://" + org + "@dev.azure.com/" + projectPath + "/_git/" + name)
				.put("sshUrl", "git@ssh.dev.azure.com:v3/" + projectPath + "/" + name)
				.put("webUrl", WEB + "/" + projectPath + "/_git/" + name)
				.put("isDisabled", disabled)
				.put("isInMaintenance", false)
				.put("isFork", false);
	}

	/** The list envelope of every Azure DevOps collection: {@code {"count": n, "value": [...]}}. */
	public static ObjectNode list(List<ObjectNode> items) {
		ObjectNode list = JSON.objectNode().put("count", items.size());
		list.putArray("value").addAll(items);
		return list;
	}

	/** {@code Alert} of type secret: an item of {@code GET …/_apis/alert/repositories/{repo}/alerts}. */
	public static ObjectNode alert(AdoAlertSpec spec) {
		ObjectNode alert = JSON.objectNode()
				.put("alertId", spec.alertId())
				.put("severity", "critical")
				.put("title", spec.title());
		alert.putArray("tools").add(secretsTool(spec));
		alert.set("dismissal", dismissal(spec));
		alert.put("projectId", spec.projectId())
				.put("repositoryId", spec.repositoryId())
				.put("repositoryUrl", WEB + "/" + spec.org() + "/" + spec.projectId() + "/_git/" + spec.repositoryId())
				.putNull("gitRef")
				.put("alertType", "secret")
				.put("firstSeenDate", date(spec.firstSeenDate()))
				.put("lastSeenDate", date(spec.lastSeenDate()))
				.put("fixedDate", spec.fixedDate() == null ? null : date(spec.fixedDate()))
				.put("introducedDate", date(spec.introducedDate()))
				.put("state", spec.state());
		ArrayNode physicalLocations = alert.putArray("physicalLocations");
		spec.locations().forEach(location -> physicalLocations.add(physicalLocation(spec, location)));
		alert.putArray("logicalLocations");
		alert.put("truncatedSecret", spec.truncatedSecret())
				.put("confidence", spec.confidence());
		if (spec.validityStatus() != null) {
			alert.set("validityDetails", JSON.objectNode()
					.put("validityStatus", spec.validityStatus())
					.put("validityLastCheckedDate", date(spec.validityLastCheckedDate())));
		}
		// Newer than the client's DTOs (2026-01): proves that unknown fields are ignored.
		return alert.put("hasTrustedSourceOrigin", false);
	}

	/** An Azure DevOps error body, as the services send with a 4xx. */
	public static ObjectNode error(String message, String typeName, String typeKey) {
		return JSON.objectNode()
				.put("$id", "1")
				.putNull("innerException")
				.put("message", message)
				.put("typeName", typeName)
				.put("typeKey", typeKey)
				.put("errorCode", 0)
				.put("eventId", 3000);
	}

	private static ObjectNode secretsTool(AdoAlertSpec spec) {
		ObjectNode rule = JSON.objectNode()
				.put("opaqueId", spec.opaqueId())
				.put("friendlyName", spec.friendlyName())
				.put("description", "Review evidence of possible plaintext (or base64-encoded plaintext) secrets: "
						+ spec.title() + ".")
				.put("helpMessage", "## Remediation steps\n\n1. Revoke the " + spec.title()
						+ " where it was issued, and issue a new one.\n2. Keep the new value in a secret store such as"
						+ " Azure Key Vault, never in the repository.\n3. Close this alert once the old value no longer"
						+ " works.")
				.put("resources", "")
				.putNull("tags");
		rule.putObject("additionalProperties");
		ObjectNode tool = JSON.objectNode().put("name", SECRETS_TOOL);
		tool.putArray("rules").add(rule);
		return tool;
	}

	private static ObjectNode dismissal(AdoAlertSpec spec) {
		if (spec.dismissalType() == null) {
			return null;
		}
		boolean bySystem = "autoDismissed".equals(spec.state());
		// One dismissal per alert here, so the alert id serves as the dismissal id too.
		ObjectNode dismissal = JSON.objectNode()
				.put("dismissalId", spec.alertId())
				.put("dismissalType", spec.dismissalType())
				.put("message", dismissalMessage(spec.dismissalType()))
				.put("stateChangedBy", bySystem ? SERVICE_IDENTITY : DISMISSER_ID);
		// The service-hook sample shows a null identity next to stateChangedBy; a system dismissal has no person.
		dismissal.set("stateChangedByIdentity", bySystem ? null : dismisser(spec.org()));
		return dismissal.put("requestedOn", date(spec.dismissedOn()));
	}

	private static ObjectNode dismisser(String org) {
		return JSON.objectNode()
				.put("displayName", "Dana Whitfield")
				.put("url", "https://spsprodweu5.vssps.visualstudio.com/_apis/Identities/" + DISMISSER_ID)
				.put("id", DISMISSER_ID)
				.put("uniqueName", "dana.whitfield@" + org + ".example")
				.put("imageUrl", WEB + "/" + org + "/_apis/GraphProfile/MemberAvatars/" + DISMISSER_DESCRIPTOR)
				.put("descriptor", DISMISSER_DESCRIPTOR);
	}

	private static String dismissalMessage(String dismissalType) {
		switch (dismissalType) {
			case "falsePositive":
				return "Sample value from the documentation, not a credential.";
			case "acceptedRisk":
				return "Local development emulator key; accepted by the security team.";
			case "fixed":
				return "Rotated at the provider; the old value no longer works.";
			case "toolUpgrade":
				return "Dismissed automatically after a scanner update.";
			default:
				return "";
		}
	}

	private static ObjectNode physicalLocation(AdoAlertSpec spec, AdoAlertSpec.Location location) {
		String itemUrl = "https://dev.azure.com:443/" + spec.org() + "/" + spec.projectId() + "/_git/"
				+ spec.repositoryId() + "?path=" + URLEncoder.encode("/" + location.filePath(), UTF_8)
				+ "&version=GC" + location.commitHash() + "&line=" + location.lineStart()
				+ "&lineEnd=" + location.lineEnd() + "&lineStartColumn=" + location.columnStart()
				+ "&lineEndColumn=" + location.columnEnd() + "&lineStyle=plain";
		ObjectNode physicalLocation = JSON.objectNode()
				.put("filePath", location.filePath())
				.put("isValidGitPath", true);
		physicalLocation.putObject("region")
				.put("lineStart", location.lineStart())
				.put("lineEnd", location.lineEnd())
				.put("columnStart", location.columnStart())
				.put("columnEnd", location.columnEnd());
		physicalLocation.putObject("versionControl")
				.put("commitHash", location.commitHash())
				.put("itemUrl", itemUrl);
		return physicalLocation;
	}

	private static String date(Instant instant) {
		return DATE.format(instant);
	}
}
