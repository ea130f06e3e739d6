package dev.leakpath.webhook;

/** A delivery that cannot be read; the message is returned to the sender and must not quote the payload. */
public class MalformedDeliveryException extends Exception {

	public MalformedDeliveryException(String message) {
		super(message);
	}

}
