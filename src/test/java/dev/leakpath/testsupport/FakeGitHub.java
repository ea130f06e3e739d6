package dev.leakpath.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;

import dev.leakpath.demo.FakeGitHubOwners;

/**
 * A GitHub served by WireMock over real HTTP, answering the requests leakpath's GitHub connector sends,
 * with the payloads of {@link GitHubPayloads}. Like GitHub, its organisation alert listing leaves the generic
 * secret types out unless {@code secret_type} names them (see {@link GitHubListings}).
 */
public final class FakeGitHub {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	/** One stub answers the owners query, replaced whenever the owner data changes. */
	private static final UUID OWNERS_QUERY_STUB = UUID.fromString("6f0c1d8e-0000-4000-8000-00000000a11c");

	private static final String QUERY = "per_page=100&sort=updated&direction=desc";

	private final WireMockServer server;

	private final GitHubListings listings;

	/** What the owners query ({@code POST /graphql}) answers of each repository, as {@link FakeGitHubOwners} reads it. */
	private final ObjectNode ownerData = JsonNodeFactory.instance.objectNode();

	private final FakeGitHubIssues issues;

	private FakeGitHub(WireMockServer server, GitHubListings listings, FakeGitHubIssues issues) {
		this.server = server;
		this.listings = listings;
		this.issues = issues;
	}

	public static FakeGitHub start() {
		return start(new Extension[0]);
	}

	/** With more WireMock extensions, such as a benchmark's injected faults. */
	public static FakeGitHub start(Extension... more) {
		GitHubListings listings = new GitHubListings(QUERY);
		FakeGitHubIssues issues = new FakeGitHubIssues();
		WireMockServer server = new WireMockServer(WireMockConfiguration.options()
			.dynamicPort()
			.bindAddress("127.0.0.1")
			.extensions(listings, new FakeGitHubOwners(), issues)
			.extensions(more)
			.notifier(new Slf4jNotifier(false)));
		server.start();
		listings.baseUrl(server.baseUrl());
		issues.baseUrl(server.baseUrl());
		return new FakeGitHub(server, listings, issues);
	}

	public String baseUrl() {
		return server.baseUrl();
	}

	public WireMockServer server() {
		return server;
	}

	/**
	 * Serves GitHub Issues ({@link FakeGitHubIssues}) of every repository from now until the next reset; stubs of
	 * a higher priority (below 10) answer before it, to put an outage or a rate limit in front.
	 */
	public FakeGitHubIssues serveIssues() {
		server.stubFor(any(urlPathMatching("/repos/[^/]+/[^/]+/issues(/\\d+)?")).atPriority(10)
			.willReturn(aResponse().withTransformers(FakeGitHubIssues.NAME)));
		return issues;
	}

	public void reset() {
		server.resetAll();
		listings.clear();
		issues.clear();
		ownerData.removeAll();
		stubOwnersQuery();
		server.stubFor(get("/user").willReturn(json(200, JsonNodeFactory.instance.objectNode().put("login", "leakpath"))));
		// every organisation answers a listing that names types, with no alerts until alertPages gives it some
		server.stubFor(get(urlPathMatching("/orgs/[^/]+/secret-scanning/alerts")).atPriority(5)
			.withQueryParam("secret_type", matching(".+"))
			.willReturn(aResponse().withTransformers(GitHubListings.NAME)));
	}

	/** A CODEOWNERS file on the repository's default branch, as the owners query reads it. */
	public void codeOwners(String fullName, String path, String text) {
		ownerRecord(fullName).with("files").put(path, text);
		stubOwnersQuery();
	}

	/** The repository's direct collaborators: {@code login} and GraphQL {@code RepositoryPermission}, in pairs. */
	public void collaborators(String fullName, String... loginsAndPermissions) {
		ArrayNode collaborators = ownerRecord(fullName).putArray("collaborators");
		for (int i = 0; i < loginsAndPermissions.length; i += 2) {
			collaborators.addObject().put("login", loginsAndPermissions[i]).put("permission", loginsAndPermissions[i + 1]);
		}
		stubOwnersQuery();
	}

	/** The token may not see the repository's collaborators: GraphQL answers that field with a FORBIDDEN error. */
	public void collaboratorsForbidden(String fullName) {
		ownerRecord(fullName).put("collaboratorsForbidden", true);
		stubOwnersQuery();
	}

	/** GraphQL requests made so far (the owners queries). */
	public int graphQlRequests() {
		return server.findAll(postRequestedFor(urlPathEqualTo("/graphql"))).size();
	}

	private ObjectNode ownerRecord(String fullName) {
		return ownerData.with(fullName);
	}

	private void stubOwnersQuery() {
		MappingBuilder stub = post(urlPathEqualTo("/graphql")).withId(OWNERS_QUERY_STUB)
			.willReturn(aResponse().withTransformers(FakeGitHubOwners.NAME)
				.withTransformerParameter("repositories", MAPPER.convertValue(ownerData, Map.class)));
		if (server.getStubMapping(OWNERS_QUERY_STUB).getItem() != null) {
			server.editStub(stub);
		}
		else {
			server.stubFor(stub);
		}
	}

	public void stop() {
		server.stop();
	}

	/**
	 * Serves an organisation's alerts, given as pages of the whole list, linked by {@code link} headers: the
	 * default listing leaves the generic types out, a listing naming types in {@code secret_type} shows those
	 * alone, each paged by the longest given page (see {@link GitHubListings#listing}). With an ETag, the default
	 * listing's first page carries it and every other listing's first page an ETag of its own content.
	 */
	public void alertPages(String org, List<List<ObjectNode>> allPages, String etag) {
		listings.organization(org, allPages, etag);
		List<List<ObjectNode>> pages = GitHubListings.listing(allPages, type -> !GitHubListings.generic(type));
		for (int index = 0; index < pages.size(); index++) {
			int page = index + 1;
			ResponseDefinitionBuilder response = json(200, array(pages.get(index)));
			if (page < pages.size()) {
				response = response.withHeader("link", "<" + pageUrl(org, page + 1) + ">; rel=\"next\", <"
						+ pageUrl(org, pages.size()) + ">; rel=\"last\"");
			}
			if (page == 1 && etag != null) {
				response = response.withHeader("ETag", etag);
			}
			server.stubFor(alertsRequest(org, page).willReturn(response));
		}
	}

	/**
	 * The organisation is unchanged since {@link #alertPages}: the default listing answers 304 to the first page
	 * when {@code If-None-Match} carries the ETag, every other listing when it carries that listing's own.
	 */
	public void notModifiedFor(String org, String etag) {
		server.stubFor(alertsRequest(org, 1).atPriority(1)
			.withHeader("If-None-Match", equalTo(etag))
			.willReturn(aResponse().withStatus(304).withHeader("ETag", etag)));
		listings.unchanged(org);
	}

	/** A request for a page of the organisation's default listing (no {@code secret_type}). */
	public MappingBuilder alertsRequest(String org, int page) {
		return get(urlPathEqualTo("/orgs/" + org + "/secret-scanning/alerts")).atPriority(5)
			.withQueryParam("secret_type", absent())
			.withQueryParam("page", page == 1 ? absent() : equalTo(String.valueOf(page)));
	}

	/** A request for a page of the organisation's listing that names exactly these types. */
	public MappingBuilder alertsRequest(String org, String secretTypes, int page) {
		return get(urlPathEqualTo("/orgs/" + org + "/secret-scanning/alerts")).atPriority(5)
			.withQueryParam("secret_type", equalTo(secretTypes))
			.withQueryParam("page", page == 1 ? absent() : equalTo(String.valueOf(page)));
	}

	public void locations(String fullName, long number, List<ObjectNode> locations) {
		server.stubFor(get(urlPathEqualTo("/repos/" + fullName + "/secret-scanning/alerts/" + number + "/locations"))
			.willReturn(json(200, array(locations))));
	}

	/** Serves {@code GET /repos/{owner}/{repo}/secret-scanning/alerts/{number}} with the given org alert item. */
	public void repositoryAlert(ObjectNode orgAlert) {
		String fullName = orgAlert.get("repository").get("full_name").asText();
		server.stubFor(get(urlPathEqualTo(alertPath(fullName, orgAlert.get("number").asLong())))
			.willReturn(json(200, GitHubWebhookPayloads.repositoryAlert(orgAlert))));
	}

	public String alertPath(String fullName, long number) {
		return "/repos/" + fullName + "/secret-scanning/alerts/" + number;
	}

	/** Serves an organisation and its repositories to github-api. */
	public void repositories(String org, long orgId, List<ObjectNode> fullRepositories) {
		server.stubFor(get(urlPathEqualTo("/orgs/" + org)).willReturn(json(200, GitHubPayloads.organization(org, orgId))));
		server.stubFor(get(urlPathEqualTo("/orgs/" + org + "/repos")).willReturn(json(200, array(fullRepositories))));
		for (ObjectNode repository : fullRepositories) {
			server.stubFor(get(urlPathEqualTo("/repos/" + repository.get("full_name").asText()))
				.willReturn(json(200, repository)));
		}
	}

	/** Requests for a page of the organisation's default listing. */
	public int alertRequests(String org, int page) {
		return server.findAll(getRequestedFor(urlPathEqualTo("/orgs/" + org + "/secret-scanning/alerts"))
			.withQueryParam("secret_type", absent())
			.withQueryParam("page", page == 1 ? absent() : equalTo(String.valueOf(page)))).size();
	}

	/** Requests for a page of the organisation's listing that names exactly these types. */
	public int alertRequests(String org, String secretTypes, int page) {
		return server.findAll(getRequestedFor(urlPathEqualTo("/orgs/" + org + "/secret-scanning/alerts"))
			.withQueryParam("secret_type", equalTo(secretTypes))
			.withQueryParam("page", page == 1 ? absent() : equalTo(String.valueOf(page)))).size();
	}

	/** The {@code secret_type} of every request for a page of the organisation's listings that name types. */
	public List<String> typedAlertRequests(String org) {
		return server.findAll(getRequestedFor(urlPathEqualTo("/orgs/" + org + "/secret-scanning/alerts"))
			.withQueryParam("secret_type", matching(".+"))).stream()
			.map(request -> request.queryParameter("secret_type").firstValue())
			.toList();
	}

	public int requests(String urlPathRegex) {
		return server.findAll(getRequestedFor(urlPathMatching(urlPathRegex))).size();
	}

	public int allRequests() {
		return server.getAllServeEvents().size();
	}

	public String pageUrl(String org, int page) {
		return server.baseUrl() + "/orgs/" + org + "/secret-scanning/alerts?" + QUERY + "&page=" + page;
	}

	public String pageUrl(String org, String secretTypes, int page) {
		return server.baseUrl() + "/orgs/" + org + "/secret-scanning/alerts?" + QUERY + "&secret_type=" + secretTypes
				+ "&page=" + page;
	}

	public static ResponseDefinitionBuilder json(int status, Object body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withHeader("X-RateLimit-Limit", "5000")
			.withHeader("X-RateLimit-Remaining", "4990")
			.withHeader("X-RateLimit-Reset", "4102444800")
			.withBody(body.toString());
	}

	private static ArrayNode array(List<ObjectNode> items) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		items.forEach(array::add);
		return array;
	}

}
