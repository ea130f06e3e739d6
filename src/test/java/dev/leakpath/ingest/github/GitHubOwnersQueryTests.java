package dev.leakpath.ingest.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.leakpath.model.NormalizedRepository;

/**
 * The owners query is one GitHub's GraphQL API accepts: validated with the graphql reference implementation against
 * GitHub's published schema ({@code @octokit/graphql-schema} in src/test/fixtures), variables included.
 */
class GitHubOwnersQueryTests {

	private static final Path SCRIPT = Path.of("src/test/fixtures/validate-graphql.mjs");

	@Test
	void queryForAFullBatchIsValidAgainstGitHubsSchema() throws Exception {
		List<NormalizedRepository> repositories = new ArrayList<>();
		for (int i = 0; i < GitHubOwnersQuery.BATCH_SIZE; i++) {
			repositories.add(new NormalizedRepository("github", "acme", null, "service-" + i, "acme/service-" + i,
					String.valueOf(i), null, "private", false, i % 2 == 0 ? "main" : null, true));
		}
		GitHubOwnersQuery query = new GitHubOwnersQuery(repositories);

		assertThat(validate(query.text(), query.variables().toString())).isEmpty();
		assertThat(query.variables().get("github0").asText()).isEqualTo("main:.github/CODEOWNERS");
		assertThat(query.variables().get("docs1").asText()).isEqualTo("HEAD:docs/CODEOWNERS");
	}

	/** The check can fail: GitHub's schema has no repository teams, and a variable must have its declared type. */
	@Test
	void validatorRejectsWhatGitHubWouldRefuse() throws Exception {
		assertThat(validate("query { repository(owner: \"a\", name: \"b\") { teams(first: 1) { totalCount } } }", "{}"))
			.anyMatch(error -> error.contains("teams"));
		assertThat(validate("query Q($owner: String!) { repository(owner: $owner, name: \"b\") { id } }", "{\"owner\": 1}"))
			.isNotEmpty();
	}

	private static List<String> validate(String document, String variables) throws IOException, InterruptedException {
		Process node = new ProcessBuilder("node", SCRIPT.toString(), variables).redirectErrorStream(true).start();
		node.getOutputStream().write(document.getBytes(StandardCharsets.UTF_8));
		node.getOutputStream().close();
		String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
		List<String> errors = output.lines().filter(line -> !line.isBlank()).toList();
		assertThat(node.exitValue() == 0).as(output).isEqualTo(errors.isEmpty());
		return errors;
	}

}
