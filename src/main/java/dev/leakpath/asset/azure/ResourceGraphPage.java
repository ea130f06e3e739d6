package dev.leakpath.asset.azure;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.ingest.RetryableSourceException;

import org.springframework.http.HttpHeaders;

/**
 * One answer of {@code POST /providers/Microsoft.ResourceGraph/resources}.
 *
 * @param rows the {@code data} array ({@code resultFormat: objectArray})
 * @param skipToken asks for the next page; null on the last
 * @param truncated {@code resultTruncated}: rows are missing; with no {@code skipToken}, no page brings them
 * @param subscriptionLimitHit the principal sees more than 10,000 subscriptions and only the first were read
 */
record ResourceGraphPage(JsonNode rows, String skipToken, boolean truncated, boolean subscriptionLimitHit) {

	/** @throws RetryableSourceException when the body has no {@code data} array: no rows is not the same */
	static ResourceGraphPage of(JsonNode body, HttpHeaders headers) {
		if (!body.path("data").isArray()) {
			throw new RetryableSourceException("Resource Graph answered without a data array", null, null);
		}
		String skipToken = body.path("$skipToken").asText("");
		// a string enum in the REST API ("true"/"false"); a boolean would read the same
		boolean truncated = body.path("resultTruncated").asText("").equalsIgnoreCase("true");
		return new ResourceGraphPage(body.path("data"), skipToken.isBlank() ? null : skipToken, truncated,
				"true".equalsIgnoreCase(headers.getFirst("x-ms-tenant-subscription-limit-hit")));
	}

}
