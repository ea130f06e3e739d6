package dev.leakpath.notify;

/**
 * A delivery that did not happen. {@code retryable}: the receiver was down or busy (5xx, 429, no connection),
 * so a later attempt may work; otherwise (a 4xx, a bad address) it will not.
 */
class DeliveryException extends RuntimeException {

	private final boolean retryable;

	DeliveryException(String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
	}

	boolean retryable() {
		return retryable;
	}

}
