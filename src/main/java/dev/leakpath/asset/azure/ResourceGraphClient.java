package dev.leakpath.asset.azure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

import dev.leakpath.asset.JsonExchange;
import dev.leakpath.asset.JsonExchange.AccessToken;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.SourceResilience;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Azure Resource Graph over WebClient: a client-credentials token for Resource Manager (kept until a minute
 * before it expires) and {@code POST /providers/Microsoft.ResourceGraph/resources}, one page per call. Every
 * request is cut off after {@code timeout} and goes through its host's {@link SourceResilience}, so throttling,
 * 5xx, connection errors and timeouts are retried and a refused credential is not.
 */
final class ResourceGraphClient {

	private static final String API_VERSION = "2022-10-01";

	private static final String SCOPE = "https://management.azure.com/.default";

	private static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

	/** The most ids {@code directoryObjects/getByIds} takes in one request. */
	static final int GRAPH_IDS_PER_REQUEST = 1000;

	private final WebClient web;

	private final ResourceGraphProperties properties;

	private final SourceResilience pages;

	private final JsonExchange json;

	private final Mono<String> token;

	private final Mono<String> graphToken;

	private final SourceResilience graph;

	/**
	 * @param tokens around calls to the token endpoint's host
	 * @param pages around calls to Resource Manager
	 */
	ResourceGraphClient(WebClient web, ResourceGraphProperties properties, SourceResilience tokens,
			SourceResilience pages, SourceResilience graph) {
		this.web = web;
		this.properties = properties;
		this.pages = pages;
		this.json = new JsonExchange(properties.timeout(), properties.retry().rateLimitWait(), ResourceGraphErrors::of);
		this.graph = graph;
		this.token = cached(tokens.decorate(requestToken(SCOPE, "Resource Manager")));
		// the same credential, its own audience: a Graph token is not valid for Resource Manager, nor the reverse
		this.graphToken = cached(tokens.decorate(requestToken(GRAPH_SCOPE, "Microsoft Graph")));
	}

	/** One page of the query; {@code skipToken} is null for the first. */
	Mono<ResourceGraphPage> page(String query, String skipToken) {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("$top", properties.pageSize());
		options.put("resultFormat", "objectArray");
		if (skipToken != null) {
			options.put("$skipToken", skipToken);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		if (!properties.subscriptions().isEmpty()) {
			body.put("subscriptions", properties.subscriptions());
		}
		body.put("query", query);
		body.put("options", options);
		return token.flatMap(bearer -> pages.decorate(json.exchange("Resource Graph", web.post()
			.uri(properties.managementUrl() + "/providers/Microsoft.ResourceGraph/resources?api-version=" + API_VERSION)
			.headers(headers -> headers.setBearerAuth(bearer))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body), ResourceGraphPage::of)));
	}

	/**
	 * The service principals among {@code ids} (object ids), by {@code POST /v1.0/directoryObjects/getByIds}
	 * (at most {@link #GRAPH_IDS_PER_REQUEST} ids); ids that are no service principal are left out of the answer.
	 */
	Mono<JsonNode> servicePrincipals(List<String> ids) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ids", ids);
		body.put("types", List.of("servicePrincipal"));
		return graphToken.flatMap(bearer -> graph.decorate(json.exchange("Microsoft Graph", web.post()
			.uri(properties.graphUrl() + "/v1.0/directoryObjects/getByIds")
			.headers(headers -> headers.setBearerAuth(bearer))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body), (answer, headers) -> answer)));
	}

	private static Mono<String> cached(Mono<AccessToken> request) {
		return request.cache(issued -> issued.lifetime().minusMinutes(1), error -> Duration.ZERO, () -> Duration.ZERO)
			.map(AccessToken::value);
	}

	private Mono<AccessToken> requestToken(String scope, String audience) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", properties.clientId());
		form.add("client_secret", properties.clientSecret());
		form.add("scope", scope);
		return json.exchange("Entra", web.post()
			.uri(properties.tenantTokenUrl())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form)), (body, headers) -> JsonExchange.accessToken("Entra", body))
			.onErrorMap(PermanentSourceException.class, ex -> new PermanentSourceException(ex.status(),
					"Entra refused a token for " + audience + " (" + ex.getMessage() + "): check "
							+ "leakpath.assets.resource-graph.tenant-id, client-id and client-secret"));
	}

}
