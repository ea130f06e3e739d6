package dev.leakpath.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SecretFingerprinterTests {

	private static final String TOKEN = "ghp_R8xKq2LmN4vB7tY1wZ3cD5fG9hJ0kP6sQeUa";

	private final SecretFingerprinter fingerprinter = new SecretFingerprinter(key((byte) 1, 32));

	@Test
	void fingerprintWhenSameValueThenSameFingerprint() {
		assertThat(fingerprinter.fingerprint(RawSecret.of(TOKEN))).isEqualTo(fingerprinter.fingerprint(RawSecret.of(TOKEN)));
	}

	@Test
	void fingerprintWhenDifferentValueThenDifferentFingerprint() {
		assertThat(fingerprinter.fingerprint(RawSecret.of(TOKEN)))
			.isNotEqualTo(fingerprinter.fingerprint(RawSecret.of(TOKEN + "b")));
	}

	@Test
	void fingerprintWhenDifferentKeyThenDifferentFingerprint() {
		SecretFingerprinter other = new SecretFingerprinter(key((byte) 2, 32));

		assertThat(other.fingerprint(RawSecret.of(TOKEN))).isNotEqualTo(fingerprinter.fingerprint(RawSecret.of(TOKEN)));
	}

	@Test
	void fingerprintWhenLineEndingsOrSurroundingWhitespaceDifferThenSameFingerprint() {
		String lf = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
		String crlf = "  " + lf.replace("\n", "\r\n") + "\r\n\t";

		assertThat(fingerprinter.fingerprint(RawSecret.of(crlf))).isEqualTo(fingerprinter.fingerprint(RawSecret.of(lf)));
		assertThat(fingerprinter.fingerprint(RawSecret.of(" " + TOKEN + "\n")))
			.isEqualTo(fingerprinter.fingerprint(RawSecret.of(TOKEN)));
	}

	@Test
	void fingerprintWhenAnyValueThenSixtyFourLowercaseHexCharacters() {
		assertThat(fingerprinter.fingerprint(RawSecret.of(TOKEN))).matches("[0-9a-f]{64}");
	}

	@Test
	void fingerprintWhenRfc4231VectorThenEqualsPublishedHmacSha256() {
		// RFC 4231 test case 6: a 131-byte key of 0xaa
		SecretFingerprinter rfc = new SecretFingerprinter(key((byte) 0xaa, 131));

		assertThat(rfc.fingerprint(RawSecret.of("Test Using Larger Than Block-Size Key - Hash Key First")))
			.isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	}

	@Test
	void constructorWhenKeyShorterThan32BytesThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SecretFingerprinter(key((byte) 1, 31)))
			.withMessageContaining("32 bytes");
	}

	private static byte[] key(byte fill, int length) {
		byte[] key = new byte[length];
		Arrays.fill(key, fill);
		return key;
	}

}
