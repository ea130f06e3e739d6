package dev.leakpath.triage;

/** A triage of alerts in organisations the caller may see but not triage; the message names them. */
public class TriageScopeException extends RuntimeException {

	public TriageScopeException(String message) {
		super(message);
	}

}
