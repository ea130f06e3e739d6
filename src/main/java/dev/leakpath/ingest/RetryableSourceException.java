package dev.leakpath.ingest;

import java.time.Duration;

/** A provider failure worth trying again: a 5xx, a connection error or a rate limit (then with its wait). */
public class RetryableSourceException extends RuntimeException {

	private final Duration retryAfter;

	public RetryableSourceException(String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** The wait the provider asked for, or null when back-off decides. */
	public Duration retryAfter() {
		return retryAfter;
	}

}
