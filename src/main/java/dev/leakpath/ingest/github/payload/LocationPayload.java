package dev.leakpath.ingest.github.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** An item of {@code …/alerts/{number}/locations}: a {@code type} and its kind-specific {@code details}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LocationPayload(String type, JsonNode details) {
}
