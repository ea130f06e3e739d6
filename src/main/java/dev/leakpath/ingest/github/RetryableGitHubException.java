package dev.leakpath.ingest.github;

import java.time.Duration;

/** A failure worth trying again: a 5xx, a connection error or a rate limit (then with its wait). */
class RetryableGitHubException extends RuntimeException {

	private final Duration retryAfter;

	RetryableGitHubException(String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** The wait the server asked for, or null when back-off decides. */
	Duration retryAfter() {
		return retryAfter;
	}

}
