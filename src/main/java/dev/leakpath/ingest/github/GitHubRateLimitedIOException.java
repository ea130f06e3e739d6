package dev.leakpath.ingest.github;

import java.io.IOException;
import java.time.Duration;

/** Thrown from github-api's limit handlers instead of their blocking sleep, carrying the wait. */
class GitHubRateLimitedIOException extends IOException {

	private final Duration retryAfter;

	GitHubRateLimitedIOException(Duration retryAfter) {
		super("GitHub rate limit; retry in " + retryAfter.toSeconds() + "s");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return retryAfter;
	}

}
