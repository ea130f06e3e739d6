package dev.leakpath.demo;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakpath.demo.DemoAlerts.DemoAlert;
import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.FakeSecrets;
import dev.leakpath.testsupport.GitHubPayloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Writes the fake GitHub that the demo serves with WireMock standalone: {@code <dir>/mappings} and
 * {@code <dir>/__files}.
 * The output depends only on the seed, so rerunning it gives byte-identical files.
 */
public final class DemoMappingsGenerator {

	private static final long SEED = 20261101L;
	private static final int PAGE_SIZE = 100;
	private static final String ALERTS_QUERY = "per_page=100&sort=updated&direction=desc";
	private static final int DEFAULT_PRIORITY = 5;
	private static final ObjectMapper MAPPER = new ObjectMapper();
	private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
					.withObjectFieldValueSpacing(Separators.Spacing.AFTER))
			.withObjectIndenter(new DefaultIndenter("  ", "\n"))
			.withArrayIndenter(new DefaultIndenter("  ", "\n")));

	private final Path root;
	private int mappingCount;
	private int bodyCount;

	private DemoMappingsGenerator(Path root) {
		this.root = root;
	}

	public static void main(String[] args) throws IOException {
		Path root = Path.of(args.length > 0 ? args[0] : "wiremock-mappings");
		new DemoMappingsGenerator(root).generate();
	}

	private void generate() throws IOException {
		deleteRecursively(root.resolve("mappings"));
		deleteRecursively(root.resolve("__files"));
		Map<DemoOrg, List<DemoAlert>> alertsByOrg =
				new DemoAlerts(new Random(SEED), new FakeSecrets(SEED)).generate(DemoOrg.ALL);
		writeAuthenticatedUserStub();
		for (DemoOrg org : DemoOrg.ALL) {
			List<DemoAlert> alerts = alertsByOrg.get(org);
			writeRepositoryStubs(org);
			writeAlertPages(org, alerts);
			alerts.stream().filter(alert -> !alert.locations().isEmpty()).forEach(this::writeLocationsStub);
		}
		System.out.println("Wrote " + mappingCount + " mappings and " + bodyCount + " bodies under " + root);
	}

	// github-api's GitHubBuilder.withOAuthToken(..).build() looks up the token's login with GET /user straight away.
	private void writeAuthenticatedUserStub() {
		writeBody("user.json", GitHubPayloads.user("leakpath-demo", 90001));
		writeMapping("user.json", DEFAULT_PRIORITY, exactPath("/user"), ok("user.json"));
	}

	private void writeRepositoryStubs(DemoOrg org) {
		ObjectNode organization = GitHubPayloads.organization(org.login(), org.id());
		organization.put("public_repos", org.repos().stream().filter(DemoRepo::isPublic).count());
		String orgFile = "orgs/" + org.login() + ".json";
		writeBody(orgFile, organization);
		writeMapping(orgFile, DEFAULT_PRIORITY, exactPath("/orgs/" + org.login()), ok(orgFile));

		ArrayNode repositories = MAPPER.createArrayNode();
		for (DemoRepo repo : org.repos()) {
			ObjectNode repository = repo.toFullRepository();
			repositories.add(repository);
			String repoFile = "repos/" + repo.fullName() + ".json";
			writeBody(repoFile, repository);
			writeMapping(repoFile, DEFAULT_PRIORITY, exactPath("/repos/" + repo.fullName()), ok(repoFile));
		}
		String reposFile = "orgs/" + org.login() + "/repos.json";
		writeBody(reposFile, repositories);
		writeMapping(reposFile, DEFAULT_PRIORITY, exactPath("/orgs/" + org.login() + "/repos"), ok(reposFile));
	}

	private void writeAlertPages(DemoOrg org, List<DemoAlert> alerts) {
		String path = "/orgs/" + org.login() + "/secret-scanning/alerts";
		int lastPage = Math.max(1, (alerts.size() + PAGE_SIZE - 1) / PAGE_SIZE);
		for (int page = 1; page <= lastPage; page++) {
			ArrayNode items = MAPPER.createArrayNode();
			alerts.subList((page - 1) * PAGE_SIZE, Math.min(page * PAGE_SIZE, alerts.size()))
					.forEach(alert -> items.add(GitHubPayloads.alert(alert.spec())));
			String pageFile = "alerts/" + org.login() + "/page-" + page + ".json";
			writeBody(pageFile, items);
			ObjectNode response = ok(pageFile);
			if (lastPage > 1) {
				headers(response).put("Link", linkHeader(path, page, lastPage));
				response.putArray("transformers").add("response-template");
			}
			if (org.etag() != null && page == 1) {
				headers(response).put("ETag", org.etag());
			}
			writeMapping(pageFile, DEFAULT_PRIORITY, alertsPageRequest(path, page), response);
		}
		if (org.etag() != null) {
			ObjectNode request = alertsPageRequest(path, 1);
			request.putObject("headers").putObject("If-None-Match").put("equalTo", org.etag());
			ObjectNode notModified = MAPPER.createObjectNode().put("status", 304);
			notModified.set("headers", commonHeaders().put("ETag", org.etag()));
			String name = "alerts/" + org.login() + "/page-1-not-modified.json";
			writeMapping(name, DEFAULT_PRIORITY - 1, request, notModified);
		}
	}

	private void writeLocationsStub(DemoAlert alert) {
		AlertSpec spec = alert.spec();
		String locationsFile = "locations/" + spec.org() + "/" + spec.repoName() + "/" + spec.number() + ".json";
		writeBody(locationsFile, MAPPER.createArrayNode().addAll(alert.locations()));
		String alertPath = "/repos/" + spec.org() + "/" + spec.repoName() + "/secret-scanning/alerts/" + spec.number();
		writeMapping(locationsFile, DEFAULT_PRIORITY, exactPath(alertPath + "/locations"), ok(locationsFile));
	}

	// GitHub's Link header; {{request.baseUrl}} makes it absolute on whatever host and port WireMock runs.
	private static String linkHeader(String path, int page, int lastPage) {
		IntFunction<String> url =
				target -> "<{{request.baseUrl}}" + path + "?" + ALERTS_QUERY + "&page=" + target + ">";
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

	private void writeBody(String relativeName, JsonNode body) {
		write(root.resolve("__files").resolve(relativeName), body);
		bodyCount++;
	}

	private void writeMapping(String relativeName, int priority, ObjectNode request, ObjectNode response) {
		ObjectNode mapping = MAPPER.createObjectNode()
				.put("name", relativeName.substring(0, relativeName.length() - ".json".length()))
				.put("priority", priority);
		mapping.set("request", request);
		mapping.set("response", response);
		write(root.resolve("mappings").resolve(relativeName), mapping);
		mappingCount++;
	}

	private static void write(Path file, JsonNode json) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, WRITER.writeValueAsString(json) + "\n");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
