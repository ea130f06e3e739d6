package dev.leakpath.ingest.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.github.payload.AlertPayload;
import dev.leakpath.ingest.github.payload.RepositoryPayload;
import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.secret.RawSecret;
import dev.leakpath.secret.SecretFingerprinter;
import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.OctokitDescriptions;

class GitHubAlertMapperTests {

	private static final String SECRET = "ghp_R8xKq2LmN4vB7tY1wZ3cD5fG9hJ0kP6sQeUa";

	private static final Instant CREATED = Instant.parse("2026-10-01T09:30:00Z");

	private final GitHubAlertMapper mapper = new GitHubAlertMapper(JsonMapper.builder()
		.findAndAddModules()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build());

	@Test
	void readWhenOfficialAlertItemThenReadsEveryField() throws MalformedAlertException {
		AlertPayload alert = mapper.read(anOpenAlert());

		assertThat(alert.number()).isEqualTo(17L);
		assertThat(alert.createdAt()).isEqualTo(CREATED);
		assertThat(alert.state()).isEqualTo("open");
		assertThat(alert.secretType()).isEqualTo("github_personal_access_token");
		assertThat(alert.repository().fullName()).isEqualTo("acme/api");
		assertThat(alert.repository().htmlUrl()).isEqualTo("https://github.com/acme/api");
		assertThat(alert.firstLocationDetected().get("path").asText()).isEqualTo("config/app.yml");
		assertThat(fingerprint(alert.secret())).isEqualTo(fingerprint(RawSecret.of(SECRET)));
	}

	/** GitHub's own example of a resolved alert ({@code @octokit/openapi}, {@code secret-scanning-alert-resolved}). */
	@Test
	void toAlertWhenGitHubsResolvedExampleThenNeutralStateAndEveryDetail() throws MalformedAlertException {
		ObjectNode example = (ObjectNode) OctokitDescriptions.restExample("secret-scanning-alert-resolved");
		RepositoryPayload repository = new RepositoryPayload(1296269L, "private-repo", "owner/private-repo", true,
				"https://github.com/owner/private-repo");

		NormalizedAlert alert = GitHubAlertMapper.toAlert(GitHubAlertMapper.repository("owner", repository),
				mapper.read(example, repository), List.of());

		assertThat(alert.state()).isEqualTo("resolved");
		assertThat(alert.providerState()).isEqualTo("resolved");
		assertThat(alert.resolution()).isEqualTo("used_in_tests");
		assertThat(alert.validity()).isEqualTo("unknown");
		assertThat(alert.details().assignedTo()).isEqualTo("octocat");
		assertThat(alert.details().resolvedBy()).isEqualTo("monalisa");
		assertThat(alert.details().resolutionComment()).isEqualTo("Example comment");
		assertThat(alert.details().pushProtectionBypass().bypassed()).isFalse();
		assertThat(alert.details().pushProtectionBypass().bypassedBy()).isNull();
		assertThat(alert.alertUrl()).isEqualTo("https://github.com/owner/private-repo/security/secret-scanning/42");
	}

	@Test
	void toAlertWhenAResolutionGitHubAddsLaterThenOtherWithTheWordKept() throws MalformedAlertException {
		ObjectNode item = GitHubPayloads.alert(spec("resolved", "rotated_by_robot", CREATED.plusSeconds(60)));

		AlertPayload payload = mapper.read(item);
		NormalizedAlert alert = GitHubAlertMapper.toAlert(GitHubAlertMapper.repository("acme", payload.repository()),
				payload, List.of());

		assertThat(alert.resolution()).isEqualTo("other");
		assertThat(alert.providerResolution()).isEqualTo("rotated_by_robot");
	}

	@Test
	void readWhenUnknownFieldsAndValuesThenKeepsValues() throws MalformedAlertException {
		ObjectNode item = GitHubPayloads.alert(spec("resolved", "pattern_deleted", CREATED.plusSeconds(60)));
		item.put("state", "weird").put("brand_new_field", "x").set("another_one", item.objectNode().put("a", 1));

		AlertPayload alert = mapper.read(item);

		assertThat(alert.state()).isEqualTo("weird");
		assertThat(alert.resolution()).isEqualTo("pattern_deleted");
	}

	@Test
	void readWhenNumberMissingThenNamesField() {
		ObjectNode item = anOpenAlert();
		item.remove("number");

		assertThatExceptionOfType(MalformedAlertException.class).isThrownBy(() -> mapper.read(item))
			.withMessage("missing field 'number'");
	}

	@Test
	void readWhenCreatedAtMissingThenNamesField() {
		ObjectNode item = anOpenAlert();
		item.remove("created_at");

		assertThatExceptionOfType(MalformedAlertException.class).isThrownBy(() -> mapper.read(item))
			.withMessage("missing field 'created_at'");
	}

	@Test
	void readWhenRepositoryFullNameMissingThenNamesField() {
		ObjectNode item = anOpenAlert();
		((ObjectNode) item.get("repository")).remove("full_name");

		assertThatExceptionOfType(MalformedAlertException.class).isThrownBy(() -> mapper.read(item))
			.withMessage("missing field 'repository.full_name'");
	}

	@Test
	void readWhenCreatedAtNotADateThenNamesField() {
		ObjectNode item = anOpenAlert().put("created_at", "not-a-date");

		assertThatExceptionOfType(MalformedAlertException.class).isThrownBy(() -> mapper.read(item))
			.withMessage("unreadable field 'created_at'");
	}

	@Test
	void readWhenSecretIsAnObjectThenMessageOmitsSecret() {
		ObjectNode item = anOpenAlert();
		item.set("secret", JsonNodeFactory.instance.objectNode().put("nested", SECRET));

		assertThatExceptionOfType(MalformedAlertException.class).isThrownBy(() -> mapper.read(item))
			.withMessage("unreadable field 'secret'")
			.withMessageNotContaining(SECRET)
			.withNoCause();
	}

	@Test
	void readWhenInvalidDateHoldsSecretThenMessageOmitsSecret() {
		ObjectNode item = anOpenAlert().put("created_at", SECRET);

		assertThatExceptionOfType(MalformedAlertException.class).isThrownBy(() -> mapper.read(item))
			.withMessage("unreadable field 'created_at'")
			.withMessageNotContaining(SECRET)
			.withNoCause();
	}

	@Test
	void readWhenNestedRepositoryFieldHoldsSecretThenMessageOmitsSecret() {
		ObjectNode item = anOpenAlert();
		((ObjectNode) item.get("repository")).put("id", SECRET);

		assertThatExceptionOfType(MalformedAlertException.class).isThrownBy(() -> mapper.read(item))
			.withMessage("unreadable field 'repository.id'")
			.withNoCause();
	}

	@Test
	void readWhenItemIsJsonNullThenMalformed() {
		assertThatExceptionOfType(MalformedAlertException.class)
			.isThrownBy(() -> mapper.read(JsonNodeFactory.instance.nullNode()));
	}

	@Test
	void readWhenItemIsTheSecretTextThenMessageOmitsSecret() {
		assertThatExceptionOfType(MalformedAlertException.class)
			.isThrownBy(() -> mapper.read(JsonNodeFactory.instance.textNode(SECRET)))
			.withMessageNotContaining(SECRET)
			.withNoCause();
	}

	private static ObjectNode anOpenAlert() {
		return GitHubPayloads.alert(spec("open", null, null));
	}

	private static AlertSpec spec(String state, String resolution, Instant resolvedAt) {
		ObjectNode location = GitHubPayloads.commitLocation("acme", "api", "config/app.yml", 4, 4, 12, 52,
				"3b1f1a9e0c5d4e7f8a2b6c9d0e1f2a3b4c5d6e7f", "af5626b4a114abcb82d63db7c8082c3c4756e51b");
		return new AlertSpec("acme", 51234, "api", 90001, false, 17, "github_personal_access_token",
				"GitHub Personal Access Token", SECRET, state, resolution, "active", false, false, CREATED,
				CREATED.plusSeconds(120), resolvedAt, location, false);
	}

	private static String fingerprint(RawSecret secret) {
		return new SecretFingerprinter(new byte[32]).fingerprint(secret);
	}

}
