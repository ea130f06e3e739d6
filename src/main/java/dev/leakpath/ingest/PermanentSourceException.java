package dev.leakpath.ingest;

/** A provider failure that trying again will not fix: bad credentials, missing permission, not found. */
public class PermanentSourceException extends RuntimeException {

	private final int status;

	public PermanentSourceException(int status, String message) {
		super(message);
		this.status = status;
	}

	public int status() {
		return status;
	}

}
