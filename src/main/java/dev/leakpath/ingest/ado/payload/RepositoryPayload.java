package dev.leakpath.ingest.ado.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An item of {@code GET {org}/{project}/_apis/git/repositories} (GitRepository). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RepositoryPayload(String id, String name, String webUrl, String defaultBranch, Boolean isDisabled) {
}
