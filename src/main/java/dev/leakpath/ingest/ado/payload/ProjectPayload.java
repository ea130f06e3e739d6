package dev.leakpath.ingest.ado.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An item of {@code GET {org}/_apis/projects} (TeamProjectReference). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProjectPayload(String id, String name, String visibility) {
}
