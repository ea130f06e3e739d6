package dev.leakpath.model;

/**
 * Where one alert lives, as a webhook names it: enough for a connector to re-read the alert.
 *
 * @param scope the configured scope (organisation) the alert belongs to
 * @param repository the repository as the provider addresses it: {@code owner/name} on GitHub,
 * {@code projectId/repository} on Azure DevOps
 * @param alertId the provider's alert id (GitHub's alert number)
 * @param repositoryHint what the webhook said of the repository, or null
 */
public record AlertReference(String scope, String repository, String alertId, NormalizedRepository repositoryHint) {
}
