package dev.leakpath.asset.gcp;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.ingest.RetryableSourceException;

/**
 * One answer of {@code searchAllResources} or {@code searchAllIamPolicies}
 * (cloud.google.com/asset-inventory/docs/reference/rest/v1/TopLevel/searchAllResources, "Response body":
 * {@code {"results": [...], "nextPageToken": string}}).
 *
 * @param results the {@code results} array; Google leaves it out of an empty page
 * @param nextPageToken asks for the next page; null on the last
 */
record CloudAssetPage(JsonNode results, String nextPageToken) {

	/** @throws RetryableSourceException when the body is not an object: an error page is not an empty one */
	static CloudAssetPage of(JsonNode body) {
		if (!body.isObject() || (body.has("results") && !body.get("results").isArray())) {
			throw new RetryableSourceException("Cloud Asset API answered no search response", null, null);
		}
		String token = body.path("nextPageToken").asText("");
		return new CloudAssetPage(body.path("results"), token.isBlank() ? null : token);
	}

}
