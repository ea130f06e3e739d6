package dev.leakpath.asset.gcp;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.leakpath.asset.JsonExchange;
import dev.leakpath.asset.JsonExchange.AccessToken;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.SourceResilience;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Cloud Asset API over WebClient, signed in as a service account: a JWT signed with its key is exchanged for
 * an access token (OAuth 2.0 JWT bearer grant, kept until a minute before it expires), then
 * {@code GET /v1/{scope}:searchAllResources} and {@code :searchAllIamPolicies}, one page per call. Every request is
 * cut off after {@code timeout} and goes through its host's {@link SourceResilience}: 429, 5xx, connection errors
 * and timeouts are retried, a refused key or permission is not. The key file is read on the bounded elastic
 * scheduler, never on an event loop, and again with each new token (so a rotated key is picked up).
 */
final class CloudAssetClient {

	static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	private final WebClient web;

	private final GcpInventoryProperties properties;

	private final SourceResilience assets;

	private final JsonExchange json;

	private final Mono<String> token;

	/**
	 * @param tokens around calls to the token endpoint's host
	 * @param assets around calls to the Cloud Asset API
	 */
	CloudAssetClient(WebClient web, GcpInventoryProperties properties, Clock clock, SourceResilience tokens,
			SourceResilience assets) {
		this.web = web;
		this.properties = properties;
		this.assets = assets;
		this.json = new JsonExchange(properties.timeout(), properties.retry().rateLimitWait(), CloudAssetErrors::of);
		this.token = Mono.fromCallable(() -> ServiceAccountKey.read(properties.credentialsFile()))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(key -> tokens.decorate(requestToken(key, clock)))
			.cache(issued -> issued.lifetime().minusMinutes(1), error -> Duration.ZERO, () -> Duration.ZERO)
			.map(AccessToken::value);
	}

	/**
	 * One page of {@code searchAllResources} over the scope.
	 *
	 * @param assetTypes the {@code assetTypes} to list
	 * @param readMask the fields wanted; {@code versionedResources} only comes when named
	 * @param pageToken null for the first page
	 */
	Mono<CloudAssetPage> resources(List<String> assetTypes, String readMask, String pageToken) {
		return search("searchAllResources", assetTypes, readMask, pageToken);
	}

	/** One page of {@code searchAllIamPolicies} over the scope, for the resources of {@code assetTypes}. */
	Mono<CloudAssetPage> iamPolicies(List<String> assetTypes, String pageToken) {
		return search("searchAllIamPolicies", assetTypes, null, pageToken);
	}

	private Mono<CloudAssetPage> search(String method, List<String> assetTypes, String readMask, String pageToken) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(properties.assetUrl())
			.path("/v1/" + properties.scope() + ":" + method)
			.queryParam("pageSize", properties.pageSize());
		for (int i = 0; i < assetTypes.size(); i++) {
			uri.queryParam("assetTypes", "{type" + i + "}");
		}
		if (readMask != null) {
			uri.queryParam("readMask", "{readMask}");
		}
		if (pageToken != null) {
			uri.queryParam("pageToken", "{pageToken}");
		}
		Map<String, Object> values = new HashMap<>();
		for (int i = 0; i < assetTypes.size(); i++) {
			values.put("type" + i, assetTypes.get(i));
		}
		values.put("readMask", readMask);
		values.put("pageToken", pageToken);
		URI address = uri.encode().buildAndExpand(values).toUri();
		return token.flatMap(bearer -> assets.decorate(json.exchange("Cloud Asset API", web.get()
			.uri(address)
			.headers(headers -> headers.setBearerAuth(bearer))
			.accept(MediaType.APPLICATION_JSON), (body, headers) -> CloudAssetPage.of(body))));
	}

	private Mono<AccessToken> requestToken(ServiceAccountKey key, Clock clock) {
		URI tokenUrl = properties.tokenUrl() != null ? properties.tokenUrl() : key.tokenUri();
		return Mono.defer(() -> {
			MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
			form.add("grant_type", JWT_BEARER);
			// signed per attempt: a retry after a long wait must not send an expired assertion
			form.add("assertion", JwtAssertion.sign(key, tokenUrl.toString(), clock.instant()));
			return json.exchange("Google OAuth", web.post()
				.uri(tokenUrl)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(BodyInserters.fromFormData(form)), (body, headers) -> JsonExchange.accessToken("Google OAuth", body));
		})
			.onErrorMap(PermanentSourceException.class, ex -> new PermanentSourceException(ex.status(),
					"Google refused a token for " + key.clientEmail() + " (" + ex.getMessage() + "): check that the "
							+ "key in leakpath.assets.gcp.credentials-file is enabled and its account exists"));
	}

}
