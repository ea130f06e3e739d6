package dev.leakpath.ingest.ado;

/** A failure that trying again will not fix: bad credentials, missing permission, not enabled, not found. */
class AzureDevOpsApiException extends RuntimeException {

	private final int status;

	AzureDevOpsApiException(int status, String message) {
		super(message);
		this.status = status;
	}

	int status() {
		return status;
	}

}
