package dev.leakpath.triage;

/** A triage naming alerts that do not exist, or that the caller may not see; the message names them. */
public class UnknownAlertsException extends RuntimeException {

	public UnknownAlertsException(String message) {
		super(message);
	}

}
