package dev.leakpath.ingest.ado;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.ingest.RateLimitSnapshot;

/** A successful JSON answer; {@code continuationToken} is the {@code x-ms-continuationtoken} header. */
record AzureDevOpsResponse(JsonNode body, String continuationToken, RateLimitSnapshot rateLimit) {

	/** The body holds alert content: keep it out of anything that prints a response. */
	@Override
	public String toString() {
		return "AzureDevOpsResponse[continuationToken=" + (continuationToken != null) + "]";
	}

}
