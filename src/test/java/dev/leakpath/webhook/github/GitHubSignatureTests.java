package dev.leakpath.webhook.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class GitHubSignatureTests {

	private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);

	/** GitHub's published test vector ("Validating webhook deliveries"). */
	@Test
	void signWhenGitHubsTestVectorThenGitHubsSignature() {
		GitHubSignature signature = new GitHubSignature("It's a Secret to Everybody");

		assertThat(signature.sign(HELLO))
			.isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
		assertThat(signature.matches(HELLO, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"))
			.isTrue();
	}

	@Test
	void matchesWhenAnythingDiffersThenFalse() {
		GitHubSignature signature = new GitHubSignature("It's a Secret to Everybody");
		String good = signature.sign(HELLO);

		assertThat(signature.matches("Hello, World?".getBytes(StandardCharsets.UTF_8), good)).isFalse();
		assertThat(new GitHubSignature("another secret").matches(HELLO, good)).isFalse();
		assertThat(signature.matches(HELLO, good.toUpperCase())).isFalse();
		assertThat(signature.matches(HELLO, good.substring("sha256=".length()))).isFalse();
		assertThat(signature.matches(HELLO, null)).isFalse();
		assertThat(signature.matches(HELLO, "")).isFalse();
	}

}
