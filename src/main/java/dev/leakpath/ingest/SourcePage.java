package dev.leakpath.ingest;

import dev.leakpath.model.NormalizedAlert;

import java.time.Instant;
import java.util.List;

/**
 * One page of a pass. {@code resumePoint} is where the pass continues after this page (null at its end),
 * in a form only the connector reads; {@code etag} is set on the first page of a pass;
 * {@code notModified} means the provider answered 304 and nothing changed since the stored ETag;
 * {@code watermark} is where the scope's watermark may move once the pass completes (null: no change).
 */
public record SourcePage(List<NormalizedAlert> alerts, List<SourceError> errors, String resumePoint, String etag,
		boolean notModified, RateLimitSnapshot rateLimit, Instant watermark) {

	public SourcePage {
		alerts = List.copyOf(alerts);
		errors = List.copyOf(errors);
	}

	public static SourcePage notModified(String etag, RateLimitSnapshot rateLimit) {
		return new SourcePage(List.of(), List.of(), null, etag, true, rateLimit, null);
	}

}
