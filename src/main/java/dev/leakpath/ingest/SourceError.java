package dev.leakpath.ingest;

/** An alert that could not be read; the rest of its page is stored. Messages never quote field values. */
public record SourceError(String providerAlertId, String message) {
}
