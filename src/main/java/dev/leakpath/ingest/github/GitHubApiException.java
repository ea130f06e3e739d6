package dev.leakpath.ingest.github;

/** A failure that trying again will not fix: bad credentials, missing permission, not found. */
class GitHubApiException extends RuntimeException {

	private final int status;

	GitHubApiException(int status, String message) {
		super(message);
		this.status = status;
	}

	int status() {
		return status;
	}

}
