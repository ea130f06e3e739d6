package dev.leakpath.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakpath.testsupport.GitHubPayloads;
import java.util.List;

/** One repository of the fake GitHub; {@code weight} is its relative share of the org's alerts. */
record DemoRepo(String org, long orgId, String name, long id, String visibility, boolean archived, String defaultBranch,
		int weight, List<String> leakyPaths) {

	boolean isPublic() {
		return "public".equals(visibility);
	}

	// Internal repositories are private as far as the REST "private" flag goes.
	boolean isPrivate() {
		return !isPublic();
	}

	String fullName() {
		return org + "/" + name;
	}

	ObjectNode toFullRepository() {
		return GitHubPayloads.fullRepository(org, orgId, name, id, visibility, archived, defaultBranch);
	}
}
