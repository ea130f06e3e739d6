package dev.leakpath.ingest.github;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.owner.CodeOwners;

/**
 * One GraphQL query for the owners of a batch of repositories: each repository's CODEOWNERS at the three places
 * GitHub looks, on its default branch ({@code object(expression: "BRANCH:PATH")}, null where there is no file), and
 * its direct collaborators with their permission (the GraphQL API has no repository teams: those stay a REST read).
 * Every name and path is a variable, never spliced into the query text.
 */
final class GitHubOwnersQuery {

	/** At most this many repositories per query: 100 collaborators each stays far below GitHub's node limit. */
	static final int BATCH_SIZE = 20;

	/** The aliases of the three places, in {@link CodeOwners#PATHS} order. */
	private static final List<String> PLACES = List.of("github", "root", "docs");

	private final List<NormalizedRepository> repositories;

	GitHubOwnersQuery(List<NormalizedRepository> repositories) {
		if (repositories.isEmpty() || repositories.size() > BATCH_SIZE) {
			throw new IllegalArgumentException("A query covers 1 to " + BATCH_SIZE + " repositories");
		}
		this.repositories = List.copyOf(repositories);
	}

	String text() {
		StringBuilder declarations = new StringBuilder();
		StringBuilder selections = new StringBuilder();
		for (int i = 0; i < repositories.size(); i++) {
			declarations.append(i == 0 ? "" : ", ").append("$owner").append(i).append(": String!, $name").append(i)
				.append(": String!");
			selections.append("  repository").append(i).append(": repository(owner: $owner").append(i)
				.append(", name: $name").append(i).append(") {\n");
			for (String place : PLACES) {
				String variable = place + i;
				declarations.append(", $").append(variable).append(": String!");
				selections.append("    ").append(place).append(": object(expression: $").append(variable)
					.append(") { ...codeOwners }\n");
			}
			selections.append("    collaborators(affiliation: DIRECT, first: 100) { edges { permission node { login } } }\n")
				.append("  }\n");
		}
		return "query RepositoryOwners(" + declarations + ") {\n" + selections + "}\n"
				+ "fragment codeOwners on GitObject { ... on Blob { text isBinary byteSize } }\n";
	}

	ObjectNode variables() {
		ObjectNode variables = JsonNodeFactory.instance.objectNode();
		for (int i = 0; i < repositories.size(); i++) {
			NormalizedRepository repository = repositories.get(i);
			int slash = repository.fullName().indexOf('/');
			variables.put("owner" + i, repository.fullName().substring(0, slash));
			variables.put("name" + i, repository.fullName().substring(slash + 1));
			String branch = repository.defaultBranch() == null ? "HEAD" : repository.defaultBranch();
			for (int place = 0; place < PLACES.size(); place++) {
				variables.put(PLACES.get(place) + i, branch + ":" + CodeOwners.PATHS.get(place));
			}
		}
		return variables;
	}

	/** What the answer says of each repository, in the order given; a repository GitHub did not find is absent. */
	List<Answer> answers(JsonNode body) {
		List<Answer> answers = new ArrayList<>();
		JsonNode data = body.path("data");
		for (int i = 0; i < repositories.size(); i++) {
			JsonNode repository = data.path("repository" + i);
			if (!repository.isObject()) {
				continue;
			}
			String codeOwners = null;
			for (String place : PLACES) {
				JsonNode blob = repository.path(place);
				if (blob.path("text").isTextual() && !blob.path("isBinary").asBoolean(false)
						&& blob.path("byteSize").asLong(0) <= CodeOwners.MAX_BYTES) {
					codeOwners = blob.get("text").asText();
					break;
				}
			}
			List<String> admins = new ArrayList<>();
			// null when the token may not see collaborators (an error of type FORBIDDEN for that field)
			for (JsonNode edge : repository.path("collaborators").path("edges")) {
				if ("ADMIN".equals(edge.path("permission").asText()) && edge.path("node").hasNonNull("login")) {
					admins.add("@" + edge.get("node").get("login").asText());
				}
			}
			answers.add(new Answer(repositories.get(i), codeOwners, admins));
		}
		return answers;
	}

	/**
	 * @param codeOwners the first CODEOWNERS file's text, null without one; held in memory only
	 * @param adminUsers {@code @login} of each direct collaborator with admin access
	 */
	record Answer(NormalizedRepository repository, String codeOwners, List<String> adminUsers) {

		@Override
		public String toString() {
			return "Answer[repository=" + repository.fullName() + ", adminUsers=" + adminUsers + "]";
		}

	}

}
