package dev.leakpath.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawSecretTests {

	private static final String TOKEN = "ghp_R8xKq2LmN4vB7tY1wZ3cD5fG9hJ0kP6sQeUa";

	@Test
	void toStringWhenAnyValueThenRedacted() {
		assertThat("secret " + RawSecret.of(TOKEN)).isEqualTo("secret RawSecret[redacted]");
	}

	@Test
	void ofWhenCrlfAndSurroundingWhitespaceThenNormalises() {
		assertThat(RawSecret.of("\t line1\r\nline2 \r\n").value()).isEqualTo("line1\nline2");
	}

	@Test
	void isEmptyWhenOnlyWhitespaceThenTrue() {
		assertThat(RawSecret.of(" \r\n ").isEmpty()).isTrue();
		assertThat(RawSecret.of(TOKEN).isEmpty()).isFalse();
	}

}
