package dev.leakpath.testsupport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small GitHub organisation for tests: three repositories and alerts made on demand. It remembers every
 * secret value it put into an alert, so a test can check that none of them was stored.
 */
public final class TestOrganization {

	public static final String ORG = "acme";

	private static final long ORG_ID = 7001;

	private static final Map<String, Long> REPOSITORY_IDS = Map.of("api", 9001L, "web", 9002L, "infra", 9003L);

	private static final Map<String, String> VISIBILITIES = Map.of("api", "public", "web", "private", "infra",
			"internal");

	private final FakeSecrets secrets = new FakeSecrets(42);

	private final List<String> issuedSecrets = new ArrayList<>();

	public ObjectNode openAlert(String repository, int number, Instant updatedAt) {
		return alert(repository, number, "github_personal_access_token", "open", updatedAt);
	}

	public ObjectNode alert(String repository, int number, String secretType, String state, Instant updatedAt) {
		return alert(repository, number, secretType, state, updatedAt, secretFor(secretType));
	}

	/** An alert showing the given secret value, for the same credential in several places. */
	public ObjectNode alert(String repository, int number, String secretType, String state, Instant updatedAt,
			String secret) {
		return alertAt(repository, number, "config/app-" + number + ".yml", secretType, state, updatedAt, secret);
	}

	/** An alert found in the file at {@code path}. */
	public ObjectNode alertAt(String repository, int number, String path, String secretType, String state,
			Instant updatedAt, String secret) {
		boolean resolved = "resolved".equals(state);
		ObjectNode location = GitHubPayloads.commitLocation(ORG, repository, path, number,
				number, 5, 45, secrets.sha(), secrets.sha());
		return GitHubPayloads.alert(new AlertSpec(ORG, ORG_ID, repository, REPOSITORY_IDS.get(repository),
				!"public".equals(VISIBILITIES.get(repository)), number, secretType, secretType.replace('_', ' '), secret,
				state, resolved ? "revoked" : null, "active", false, false, updatedAt.minusSeconds(3600), updatedAt,
				resolved ? updatedAt : null, location, false));
	}

	public String secretFor(String secretType) {
		String secret = secrets.next(secretType);
		issuedSecrets.add(secret);
		return secret;
	}

	public List<ObjectNode> repositories() {
		return REPOSITORY_IDS.keySet()
			.stream()
			.sorted()
			.map(name -> GitHubPayloads.fullRepository(ORG, ORG_ID, name, REPOSITORY_IDS.get(name),
					VISIBILITIES.get(name), false, "main"))
			.toList();
	}

	public long orgId() {
		return ORG_ID;
	}

	public List<String> issuedSecrets() {
		return List.copyOf(issuedSecrets);
	}

}
