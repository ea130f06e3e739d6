package dev.leakpath.ticket;

import java.time.Duration;

/**
 * A tracker call that did not work. {@code retryable}: the tracker was down, busy or rate limiting (5xx, 429, a
 * GitHub rate limit, no connection, no answer in time), so a later attempt may work, not before
 * {@code retryAfter} when the tracker said so; otherwise (a refused credential, a wrong field, a missing project)
 * it will not. Messages name the call and the tracker's reason, never a credential.
 */
class TicketException extends RuntimeException {

	private final boolean retryable;

	private final Duration retryAfter;

	TicketException(String message, boolean retryable, Duration retryAfter) {
		super(message, null, false, false);
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	boolean retryable() {
		return retryable;
	}

	/** The tracker's own wait, or null. */
	Duration retryAfter() {
		return retryAfter;
	}

}
