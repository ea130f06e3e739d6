package dev.leakpath.triage;

/** A triage request that cannot be carried out as asked; the message says what to change. */
public class InvalidTriageException extends RuntimeException {

	public InvalidTriageException(String message) {
		super(message);
	}

}
