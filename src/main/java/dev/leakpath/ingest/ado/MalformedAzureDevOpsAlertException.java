package dev.leakpath.ingest.ado;

/** An alert item that cannot be read. The message names fields, never their values. */
class MalformedAzureDevOpsAlertException extends Exception {

	MalformedAzureDevOpsAlertException(String message) {
		super(message);
	}

}
