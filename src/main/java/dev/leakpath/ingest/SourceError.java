package dev.leakpath.ingest;

import java.time.Instant;

/**
 * An alert that could not be read; the rest of its page is stored. Messages never quote field values.
 * {@code changedAt}, when known, keeps the watermark from moving past the alert, so the next pass reads
 * it again.
 */
public record SourceError(String providerAlertId, String message, Instant changedAt) {

	public SourceError(String providerAlertId, String message) {
		this(providerAlertId, message, null);
	}

}
