package dev.leakpath.ingest;

import java.time.Instant;

/** The provider's rate-limit budget after a response, when it said so. */
public record RateLimitSnapshot(Integer remaining, Instant resetAt) {

	public static final RateLimitSnapshot UNKNOWN = new RateLimitSnapshot(null, null);

}
