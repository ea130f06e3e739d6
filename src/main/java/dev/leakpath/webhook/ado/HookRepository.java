package dev.leakpath.webhook.ado;

import static dev.leakpath.webhook.DeliveryFields.text;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.webhook.MalformedDeliveryException;

/**
 * The repository a service-hook delivery names: by its {@code resource.repositoryUrl}, or, in an alert that carries
 * none, by {@code projectId} and {@code repositoryId} (GUID fields of the {@code Alert} since 2025-08). The Advanced
 * Security API takes either names or ids, so the alert is read again with what the delivery gives.
 *
 * @param organization the organisation, or null when the delivery does not say (an alert by ids in an envelope
 * without {@code baseUrl}, as the service-hook docs show it)
 * @param project the project's id or name
 * @param repository the repository's id or name
 */
record HookRepository(String organization, String project, String repository) {

	private static final Pattern GUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	static HookRepository of(JsonNode payload) throws MalformedDeliveryException {
		JsonNode resource = payload.path("resource");
		JsonNode containers = payload.path("resourceContainers");
		String containerProject = guid(text(containers.path("project"), "id"));
		String repositoryUrl = text(resource, "repositoryUrl");
		Optional<RepositoryUrl> url = RepositoryUrl.parse(repositoryUrl);
		if (url.isPresent()) {
			String project = containerProject != null ? containerProject : url.get().project();
			return new HookRepository(url.get().organization(), project, url.get().repository());
		}
		String repositoryId = guid(text(resource, "repositoryId"));
		String projectId = Optional.ofNullable(guid(text(resource, "projectId"))).orElse(containerProject);
		if (repositoryId == null || projectId == null) {
			throw new MalformedDeliveryException(repositoryUrl != null
					? "resource.repositoryUrl is not a Git repository URL and the alert has no projectId and repositoryId"
					: "resource names no repository: no repositoryUrl, no projectId and repositoryId");
		}
		return new HookRepository(organization(containers), projectId, repositoryId);
	}

	/** The organisation named by a container's {@code baseUrl} ({@code https://dev.azure.com/{org}/}), if any. */
	private static String organization(JsonNode containers) {
		return Stream.of("collection", "account", "project")
			.map(container -> RepositoryUrl.organizationOf(text(containers.path(container), "baseUrl")))
			.flatMap(Optional::stream)
			.findFirst()
			.orElse(null);
	}

	private static String guid(String value) {
		return value != null && GUID.matcher(value).matches() ? value : null;
	}

}
