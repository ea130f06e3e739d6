package dev.leakpath.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretPreviewTests {

	private static final String KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";

	private final SecretFingerprinter fingerprinter = new SecretFingerprinter(new byte[32]);

	@Test
	void previewWhenTwentyOrMoreCharactersThenShowsFourEachSide() {
		assertThat(preview("ghp_R8xKq2LmN4vB7tY1wZ3cD5fG9hJ0kP6WXYZ")).isEqualTo("ghp_…WXYZ");
		assertThat(preview("abcdefghijklmnopqrst")).isEqualTo("abcd…qrst");
	}

	@Test
	void previewWhenTenToNineteenCharactersThenShowsTwoEachSide() {
		assertThat(preview("abcdefghijklmnopqrs")).isEqualTo("ab…rs");
		assertThat(preview("abcdefghij")).isEqualTo("ab…ij");
	}

	@Test
	void previewWhenFewerThanTenCharactersThenShowsNothing() {
		assertThat(preview("abcdefghi")).isEqualTo("…");
		assertThat(preview("x")).isEqualTo("…");
	}

	@Test
	void previewWhenPemKeyThenShowsOnlyBeginLine() {
		String pem = "-----BEGIN RSA PRIVATE KEY-----\r\n" + KEY_BODY + "\r\n-----END RSA PRIVATE KEY-----\r\n";

		assertThat(preview(pem)).isEqualTo("-----BEGIN RSA PRIVATE KEY-----…");
	}

	@Test
	void previewWhenBeginLineLacksClosingDashesThenShowsNoKeyMaterial() {
		String pem = "-----BEGIN PRIVATE KEY\n" + KEY_BODY + "\n-----END PRIVATE KEY-----";

		assertThat(preview(pem)).startsWith("-----BEGIN").doesNotContain(KEY_BODY.substring(0, 8));
	}

	private String preview(String value) {
		return fingerprinter.preview(RawSecret.of(value));
	}

}
