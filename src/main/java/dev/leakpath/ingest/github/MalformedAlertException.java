package dev.leakpath.ingest.github;

/** An alert item that cannot be read. The message names fields, never their values. */
class MalformedAlertException extends Exception {

	MalformedAlertException(String message) {
		super(message);
	}

}
