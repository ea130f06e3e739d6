package dev.leakpath.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakpath.demo.DemoAlerts.DemoAlert;
import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.FakeSecrets;
import dev.leakpath.testsupport.GitHubPayloads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Writes the fake GitHub and the fake Azure DevOps that the demo serves with WireMock standalone:
 * {@code <dir>/mappings} and {@code <dir>/__files}.
 * The output depends only on the seed, so rerunning it gives byte-identical files; the alert dates in them are
 * templates that WireMock renders relative to the day it serves them ({@link DemoDates}).
 */
public final class DemoMappingsGenerator {

	private static final long SEED = 20261101L;
	private static final int PAGE_SIZE = 100;
	private static final String ALERTS_QUERY = "per_page=100&sort=updated&direction=desc";

	/** The demo's types that GitHub counts as generic patterns (github-api.md §7). */
	private static final Set<String> GENERIC_TYPES = Set.of("rsa_private_key", "openssh_private_key", "pgp_private_key",
			"ec_private_key", "generic_private_key", "http_basic_authentication_header",
			"http_bearer_authentication_header", "mongodb_connection_string", "postgres_connection_string",
			"mysql_connection_string", "mysql_connection_url", "password");
	private static final int DEFAULT_PRIORITY = 5;
	private static final ObjectMapper MAPPER = new ObjectMapper();

	private final WireMockTree tree;

	private DemoMappingsGenerator(WireMockTree tree) {
		this.tree = tree;
	}

	public static void main(String[] args) throws IOException {
		Path root = Path.of(args.length > 0 ? args[0] : "wiremock-mappings");
		new DemoMappingsGenerator(new WireMockTree(root)).generate();
	}

	private void generate() throws IOException {
		tree.clear();
		Map<DemoOrg, List<DemoAlert>> alertsByOrg =
				new DemoAlerts(new Random(SEED), new FakeSecrets(SEED)).generate(DemoOrg.ALL);
		writeAuthenticatedUserStub();
		for (DemoOrg org : DemoOrg.ALL) {
			List<DemoAlert> alerts = alertsByOrg.get(org);
			writeRepositoryStubs(org);
			writeAlertPages(org, alerts);
			alerts.stream().filter(alert -> !alert.locations().isEmpty()).forEach(this::writeLocationsStub);
		}
		writeOwnersQueryStub();
		new GitHubTriageDemoMappings(tree).write(alertsByOrg.values().stream().flatMap(List::stream).toList());
		// Its own Random: drawing the Azure DevOps content must not shift the GitHub one.
		new AdoDemoMappings(tree, new Random(SEED)).write(new AdoDemoAlerts(new Random(SEED)).generate());
		new GcpDemoMappings(tree).write();
		System.out.println(tree.summary());
	}

	// github-api's GitHubBuilder.withOAuthToken(..).build() looks up the token's login with GET /user straight away.
	private void writeAuthenticatedUserStub() {
		tree.writeBody("user.json", GitHubPayloads.user("leakpath-demo", 90001));
		tree.writeMapping("user.json", DEFAULT_PRIORITY, exactPath("/user"), ok("user.json"));
	}

	private void writeRepositoryStubs(DemoOrg org) {
		ObjectNode organization = GitHubPayloads.organization(org.login(), org.id());
		organization.put("public_repos", org.repos().stream().filter(DemoRepo::isPublic).count());
		String orgFile = "orgs/" + org.login() + ".json";
		tree.writeBody(orgFile, organization);
		tree.writeMapping(orgFile, DEFAULT_PRIORITY, exactPath("/orgs/" + org.login()), ok(orgFile));

		ArrayNode repositories = MAPPER.createArrayNode();
		for (DemoRepo repo : org.repos()) {
			ObjectNode repository = repo.toFullRepository();
			repositories.add(repository);
			String repoFile = "repos/" + repo.fullName() + ".json";
			tree.writeBody(repoFile, repository);
			tree.writeMapping(repoFile, DEFAULT_PRIORITY, exactPath("/repos/" + repo.fullName()), ok(repoFile));
		}
		String reposFile = "orgs/" + org.login() + "/repos.json";
		tree.writeBody(reposFile, repositories);
		tree.writeMapping(reposFile, DEFAULT_PRIORITY, exactPath("/orgs/" + org.login() + "/repos"), ok(reposFile));
	}

	/**
	 * GitHub's organisation listing leaves the generic (non-provider) types out unless {@code secret_type} names
	 * them (github-api.md §1 and §7): the listing without {@code secret_type} holds the provider types, the one
	 * with it the generic types, each with its own pages, links and ETag, as leakpath's two listings expect.
	 */
	private void writeAlertPages(DemoOrg org, List<DemoAlert> alerts) {
		List<DemoAlert> generic = alerts.stream().filter(alert -> GENERIC_TYPES.contains(alert.spec().secretType())).toList();
		List<DemoAlert> provider = alerts.stream().filter(alert -> !generic.contains(alert)).toList();
		writeListing(org, "", provider, MAPPER.createObjectNode().put("absent", true), org.etag());
		writeListing(org, "-generic", generic, MAPPER.createObjectNode().put("matches", ".+"),
				org.etag() == null ? null : org.etag().substring(0, org.etag().length() - 1) + "-generic\"");
	}

	private void writeListing(DemoOrg org, String listing, List<DemoAlert> alerts, ObjectNode secretTypeMatcher,
			String etag) {
		String path = "/orgs/" + org.login() + "/secret-scanning/alerts";
		int lastPage = Math.max(1, (alerts.size() + PAGE_SIZE - 1) / PAGE_SIZE);
		for (int page = 1; page <= lastPage; page++) {
			ArrayNode items = MAPPER.createArrayNode();
			alerts.subList((page - 1) * PAGE_SIZE, Math.min(page * PAGE_SIZE, alerts.size()))
					.forEach(alert -> items.add(DemoDates.relativeToToday(GitHubPayloads.alert(alert.spec()))));
			String pageFile = "alerts/" + org.login() + "/page-" + page + listing + ".json";
			tree.writeBody(pageFile, items);
			ObjectNode response = ok(pageFile);
			response.putArray("transformers").add("response-template");
			if (lastPage > 1) {
				headers(response).put("Link", linkHeader(path, page, lastPage));
			}
			if (etag != null && page == 1) {
				headers(response).put("ETag", etag);
			}
			ObjectNode request = alertsPageRequest(path, page);
			((ObjectNode) request.get("queryParameters")).set("secret_type", secretTypeMatcher);
			tree.writeMapping(pageFile, DEFAULT_PRIORITY, request, response);
		}
		if (etag != null) {
			ObjectNode request = alertsPageRequest(path, 1);
			((ObjectNode) request.get("queryParameters")).set("secret_type", secretTypeMatcher);
			request.putObject("headers").putObject("If-None-Match").put("equalTo", etag);
			ObjectNode notModified = MAPPER.createObjectNode().put("status", 304);
			notModified.set("headers", commonHeaders().put("ETag", etag));
			String name = "alerts/" + org.login() + "/page-1" + listing + "-not-modified.json";
			tree.writeMapping(name, DEFAULT_PRIORITY - 1, request, notModified);
		}
	}

	/**
	 * {@code POST /graphql}, leakpath's owners query: answered by the fake's {@link FakeGitHubOwners} from each
	 * repository's CODEOWNERS file, where {@link DemoCodeOwners} puts it; a path without a file is {@code null}, as
	 * GitHub's GraphQL API answers it. No repository has direct admin collaborators or admin teams.
	 */
	private void writeOwnersQueryStub() {
		ObjectNode repositories = MAPPER.createObjectNode();
		for (DemoOrg org : DemoOrg.ALL) {
			for (DemoRepo repo : org.repos()) {
				ObjectNode files = repositories.putObject(repo.fullName()).putObject("files");
				DemoCodeOwners.of(repo.fullName()).ifPresent(file -> files.put(file.path(), file.text()));
			}
		}
		ObjectNode request = MAPPER.createObjectNode().put("method", "POST").put("urlPath", "/graphql");
		ObjectNode response = MAPPER.createObjectNode();
		response.putArray("transformers").add(FakeGitHubOwners.NAME);
		response.putObject("transformerParameters").set("repositories", repositories);
		tree.writeMapping("graphql-owners.json", DEFAULT_PRIORITY, request, response);
	}

	private void writeLocationsStub(DemoAlert alert) {
		AlertSpec spec = alert.spec();
		String locationsFile = "locations/" + spec.org() + "/" + spec.repoName() + "/" + spec.number() + ".json";
		tree.writeBody(locationsFile, MAPPER.createArrayNode().addAll(alert.locations()));
		String alertPath = "/repos/" + spec.org() + "/" + spec.repoName() + "/secret-scanning/alerts/" + spec.number();
		tree.writeMapping(locationsFile, DEFAULT_PRIORITY, exactPath(alertPath + "/locations"), ok(locationsFile));
	}

	// GitHub's Link header; {{request.baseUrl}} makes it absolute on whatever host and port WireMock runs.
	private static String linkHeader(String path, int page, int lastPage) {
		// a generic listing's links keep the secret_type it was asked with, as GitHub's links keep every parameter
		IntFunction<String> url = target -> "<{{request.baseUrl}}" + path + "?" + ALERTS_QUERY
				+ "{{#if request.query.secret_type}}&secret_type={{urlEncode request.query.secret_type}}{{/if}}&page="
				+ target + ">";
		List<String> links = new ArrayList<>();
		if (page > 1) {
			links.add(url.apply(page - 1) + "; rel=\"prev\"");
		}
		if (page < lastPage) {
			links.add(url.apply(page + 1) + "; rel=\"next\"");
			links.add(url.apply(lastPage) + "; rel=\"last\"");
		}
		if (page > 1) {
			links.add(url.apply(1) + "; rel=\"first\"");
		}
		return String.join(", ", links);
	}

	// The client's first request has no page parameter, but the rel="first" and rel="prev" links name page=1.
	private static ObjectNode alertsPageRequest(String path, int page) {
		ObjectNode request = exactPath(path);
		ObjectNode pageMatcher = request.putObject("queryParameters").putObject("page");
		if (page == 1) {
			pageMatcher.putArray("or")
					.add(MAPPER.createObjectNode().put("absent", true))
					.add(MAPPER.createObjectNode().put("equalTo", "1"));
		} else {
			pageMatcher.put("equalTo", String.valueOf(page));
		}
		return request;
	}

	private static ObjectNode exactPath(String path) {
		return MAPPER.createObjectNode().put("method", "GET").put("urlPath", path);
	}

	private static ObjectNode ok(String bodyFileName) {
		ObjectNode response = MAPPER.createObjectNode().put("status", 200).put("bodyFileName", bodyFileName);
		response.set("headers", commonHeaders().put("Content-Type", "application/json; charset=utf-8"));
		return response;
	}

	private static ObjectNode commonHeaders() {
		return MAPPER.createObjectNode()
				.put("X-RateLimit-Limit", "5000")
				.put("X-RateLimit-Remaining", "4990")
				.put("X-RateLimit-Reset", "4102444800")
				.put("X-RateLimit-Resource", "core")
				.put("X-GitHub-Api-Version-Selected", "2022-11-28");
	}

	private static ObjectNode headers(ObjectNode response) {
		return (ObjectNode) response.get("headers");
	}
}
