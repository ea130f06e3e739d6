package dev.leakpath.ingest.github.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The {@code repository} of an org alert list item (schema simple-repository: no visibility). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RepositoryPayload(Long id, String name, String fullName, @JsonProperty("private") Boolean isPrivate,
		String htmlUrl) {
}
