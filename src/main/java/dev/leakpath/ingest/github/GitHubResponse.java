package dev.leakpath.ingest.github;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.ingest.RateLimitSnapshot;

/** A successful (2xx or 304) answer from the GitHub REST API. */
record GitHubResponse(int status, JsonNode body, String etag, String nextUrl, RateLimitSnapshot rateLimit) {

	boolean notModified() {
		return status == 304;
	}

	/** The body holds raw secrets: keep it out of anything that prints a response. */
	@Override
	public String toString() {
		return "GitHubResponse[status=" + status + ", etag=" + etag + ", nextUrl=" + nextUrl + "]";
	}

}
