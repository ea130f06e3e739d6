package dev.leakpath.ingest.github.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.leakpath.secret.RawSecret;

/** An item of {@code GET /orgs/{org}/secret-scanning/alerts} (schema organization-secret-scanning-alert). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlertPayload(Long number, Instant createdAt, Instant updatedAt, String url, String htmlUrl,
		String state, String resolution, Instant resolvedAt, String secretType, String secretTypeDisplayName,
		RawSecret secret, String validity, Boolean publiclyLeaked, Boolean multiRepo,
		JsonNode firstLocationDetected, Boolean hasMoreLocations, RepositoryPayload repository) {

	/** The same alert in the given repository: a repository's own alert endpoints leave {@code repository} out. */
	public AlertPayload withRepository(RepositoryPayload repository) {
		return new AlertPayload(number, createdAt, updatedAt, url, htmlUrl, state, resolution, resolvedAt, secretType,
				secretTypeDisplayName, secret, validity, publiclyLeaked, multiRepo, firstLocationDetected,
				hasMoreLocations, repository);
	}

}
