package dev.leakpath.ingest.github.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.leakpath.secret.RawSecret;

/**
 * An item of {@code GET /orgs/{org}/secret-scanning/alerts} (schema organization-secret-scanning-alert), or
 * one alert of a repository (secret-scanning-alert, without {@code repository}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlertPayload(Long number, Instant createdAt, Instant updatedAt, String url, String htmlUrl,
		String state, String resolution, Instant resolvedAt, UserPayload resolvedBy, String resolutionComment,
		String secretType, String secretTypeDisplayName, RawSecret secret, String validity, Boolean publiclyLeaked,
		Boolean multiRepo, @JsonProperty("is_base64_encoded") Boolean base64Encoded, String provider,
		UserPayload assignedTo, Boolean pushProtectionBypassed, UserPayload pushProtectionBypassedBy,
		Instant pushProtectionBypassedAt, UserPayload pushProtectionBypassRequestReviewer,
		String pushProtectionBypassRequestReviewerComment, String pushProtectionBypassRequestComment,
		String pushProtectionBypassRequestHtmlUrl, JsonNode firstLocationDetected, Boolean hasMoreLocations,
		RepositoryPayload repository) {

	/** The same alert in the given repository: a repository's own alert endpoints leave {@code repository} out. */
	public AlertPayload withRepository(RepositoryPayload repository) {
		return new AlertPayload(number, createdAt, updatedAt, url, htmlUrl, state, resolution, resolvedAt, resolvedBy,
				resolutionComment, secretType, secretTypeDisplayName, secret, validity, publiclyLeaked, multiRepo,
				base64Encoded, provider, assignedTo, pushProtectionBypassed, pushProtectionBypassedBy,
				pushProtectionBypassedAt, pushProtectionBypassRequestReviewer, pushProtectionBypassRequestReviewerComment,
				pushProtectionBypassRequestComment, pushProtectionBypassRequestHtmlUrl, firstLocationDetected,
				hasMoreLocations, repository);
	}

}
