package dev.leakpath.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One page of a pass. {@code nextUrl} is where the pass continues (null at its end); {@code etag} is
 * set on the first page of a pass; {@code notModified} means the provider answered 304 and nothing
 * changed since the stored ETag.
 */
public record SourcePage(List<NormalizedAlert> alerts, List<SourceError> errors, String nextUrl, String etag,
		boolean notModified, RateLimitSnapshot rateLimit) {

	public SourcePage {
		alerts = List.copyOf(alerts);
		errors = List.copyOf(errors);
	}

	public static SourcePage notModified(String etag, RateLimitSnapshot rateLimit) {
		return new SourcePage(List.of(), List.of(), null, etag, true, rateLimit);
	}

	public Optional<Instant> newestChange() {
		return alerts.stream().map(NormalizedAlert::changedAt).max(Instant::compareTo);
	}

}
