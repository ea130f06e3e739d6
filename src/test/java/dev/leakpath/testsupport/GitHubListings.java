package dev.leakpath.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Which of an organisation's alerts each listing of {@code GET /orgs/{org}/secret-scanning/alerts} shows, as
 * GitHub decides it: without {@code secret_type} the generic (non-provider) patterns and Copilot's passwords are
 * left out; with it, only the named types are listed, generic or not (GitHub's description of the
 * {@code secret_type} parameter, "To return generic patterns, pass the token name(s) in the parameter";
 * changelog 2024-08-06; {@code /work/shared/reference/github-api.md} §1 and §7). Serves the listings that name
 * types, for any {@code secret_type}, as a WireMock transformer; {@link FakeGitHub} serves the default listing.
 */
final class GitHubListings implements ResponseDefinitionTransformerV2 {

	static final String NAME = "github-secret-type-listing";

	/** The non-provider patterns of reference §7 and Copilot's {@code password}. */
	static final Set<String> GENERIC_SECRET_TYPES = Set.of("rsa_private_key", "openssh_private_key",
			"pgp_private_key", "ec_private_key", "generic_private_key", "http_basic_authentication_header",
			"http_bearer_authentication_header", "mongodb_connection_string", "postgres_connection_string",
			"mysql_connection_string", "mysql_connection_url", "password");

	private final String query;

	private final Map<String, Organization> organizations = new ConcurrentHashMap<>();

	private volatile String baseUrl;

	GitHubListings(String query) {
		this.query = query;
	}

	void baseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** The organisation's alerts, in GitHub's pages of its whole list; the ETag is null when it sends none. */
	void organization(String org, List<List<ObjectNode>> pages, String etag) {
		organizations.put(org, new Organization(pages, etag, false));
	}

	/** From now on every listing of the organisation answers 304 to its own ETag. */
	void unchanged(String org) {
		organizations.computeIfPresent(org, (name, known) -> new Organization(known.pages(), known.etag(), true));
	}

	void clear() {
		organizations.clear();
	}

	/**
	 * A listing's alerts in the order of the whole list, paged as GitHub pages every listing: in pages as long as
	 * the longest given one (the page size), the last one shorter; one empty page when it lists nothing.
	 */
	static List<List<ObjectNode>> listing(List<List<ObjectNode>> pages, Predicate<String> secretType) {
		int pageSize = Math.max(1, pages.stream().mapToInt(List::size).max().orElse(1));
		List<ObjectNode> listed = pages.stream()
			.flatMap(List::stream)
			.filter(alert -> secretType.test(alert.get("secret_type").asText()))
			.toList();
		List<List<ObjectNode>> paged = new ArrayList<>();
		for (int from = 0; from < listed.size(); from += pageSize) {
			paged.add(listed.subList(from, Math.min(from + pageSize, listed.size())));
		}
		if (paged.isEmpty()) {
			paged.add(List.of());
		}
		return paged;
	}

	static boolean generic(String secretType) {
		return GENERIC_SECRET_TYPES.contains(secretType);
	}

	@Override
	public ResponseDefinition transform(ServeEvent event) {
		Request request = event.getRequest();
		String org = request.getUrl().split("/")[2];
		String secretTypes = request.queryParameter("secret_type").firstValue();
		Set<String> named = Arrays.stream(secretTypes.split(",")).map(String::strip).collect(Collectors.toSet());
		Organization organization = organizations.getOrDefault(org, new Organization(List.of(), null, false));
		List<List<ObjectNode>> pages = listing(organization.pages(), named::contains);
		QueryParameter pageParameter = request.queryParameter("page");
		int page = pageParameter.isPresent() ? Integer.parseInt(pageParameter.firstValue()) : 1;
		List<ObjectNode> items = page <= pages.size() ? pages.get(page - 1) : List.of();
		String body = array(items).toString();
		String etag = organization.etag() == null ? null : "W/\"" + sha256(array(pages.get(0)).toString()) + "\"";
		if (page == 1 && etag != null && organization.unchanged()
				&& etag.equals(request.getHeader("If-None-Match"))) {
			return aResponse().withStatus(304).withHeader("ETag", etag).build();
		}
		var response = FakeGitHub.json(200, body);
		if (page < pages.size()) {
			String prefix = baseUrl + "/orgs/" + org + "/secret-scanning/alerts?" + query + "&secret_type=" + secretTypes
					+ "&page=";
			response = response.withHeader("link",
					"<" + prefix + (page + 1) + ">; rel=\"next\", <" + prefix + pages.size() + ">; rel=\"last\"");
		}
		if (page == 1 && etag != null) {
			response = response.withHeader("ETag", etag);
		}
		return response.build();
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public String getName() {
		return NAME;
	}

	private static ArrayNode array(List<ObjectNode> items) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		items.forEach(array::add);
		return array;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Organization(List<List<ObjectNode>> pages, String etag, boolean unchanged) {
	}

}
