package dev.leakpath.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keys are made here, for these tests only; the one fixed value is a public key with ssh-keygen's fingerprint. */
class PrivateKeyResolverTests {

	/** {@code ssh-keygen -t ed25519}'s public key and {@code ssh-keygen -l}'s fingerprint of it. */
	private static final String ED25519_PUBLIC = "AAAAC3NzaC1lZDI1NTE5AAAAIILupnfRBonVginbM+ccyFyaxeiKFL5ysQB4C5ELl4bU";

	private static final String ED25519_FINGERPRINT = "SHA256:tWVwvFZH8NL1hcLjAekHZvc2ExGNjsypy2jltTzPuiw";

	private static KeyPair rsa;

	private final TargetResolution resolution = new TargetResolution();

	@BeforeAll
	static void rsaKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		rsa = generator.generateKeyPair();
	}

	@Test
	void resolveWhenOpenSshKeyThenTypeAndSshKeygensFingerprint() {
		SecretTarget target = resolve("openssh_private_key", pem("OPENSSH PRIVATE KEY", openSshKey("none")));

		assertThat(target.kind()).isEqualTo(TargetKind.CLOUD_IDENTITY);
		assertThat(target.name()).isEqualTo("ssh-ed25519");
		assertThat(target.keyFingerprint()).isEqualTo(ED25519_FINGERPRINT);
	}

	@Test
	void resolveWhenEncryptedOpenSshKeyThenThePublicKeyIsStillRead() {
		SecretTarget target = resolve("openssh_private_key", pem("OPENSSH PRIVATE KEY", openSshKey("aes256-ctr")));

		assertThat(target.keyFingerprint()).isEqualTo(ED25519_FINGERPRINT);
		assertThat(target.evidence()).contains("encrypted");
	}

	@Test
	void resolveWhenPkcs8RsaKeyThenTheFingerprintOfItsPublicKey() {
		SecretTarget target = resolve("rsa_private_key", pem("PRIVATE KEY", rsa.getPrivate().getEncoded()));

		assertThat(target.name()).isEqualTo("ssh-rsa");
		assertThat(target.keyFingerprint()).isEqualTo(expectedRsaFingerprint());
	}

	@Test
	void resolveWhenPkcs1RsaKeyInAFileThenTheFingerprintOfItsPublicKey() {
		String file = "# deploy key\nkey: |\n" + pem("RSA PRIVATE KEY", pkcs1(rsa.getPrivate().getEncoded())) + "\n";

		SecretTarget target = resolve("generic", file);

		assertThat(target.name()).isEqualTo("ssh-rsa");
		assertThat(target.keyFingerprint()).isEqualTo(expectedRsaFingerprint());
	}

	@Test
	void resolveWhenEncryptedPkcs1KeyThenTypeOnly() {
		String encrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0011223344556677\n\n"
				+ Base64.getMimeEncoder().encodeToString(new byte[64]) + "\n-----END RSA PRIVATE KEY-----";

		SecretTarget target = resolve("rsa_private_key", encrypted);

		assertThat(target.kind()).isEqualTo(TargetKind.CLOUD_IDENTITY);
		assertThat(target.keyFingerprint()).isNull();
		assertThat(target.confidence()).isEqualTo(SecretTarget.MEDIUM);
	}

	@Test
	void resolveWhenPuttyKeyFileThenTheFingerprintOfItsPublicLines() {
		String putty = "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: test\nPublic-Lines: 2\n"
				+ ED25519_PUBLIC.substring(0, 40) + "\n" + ED25519_PUBLIC.substring(40) + "\nPrivate-Lines: 1\nAAAA\n";

		SecretTarget target = resolve("putty_private_key", putty);

		assertThat(target.keyFingerprint()).isEqualTo(ED25519_FINGERPRINT);
	}

	@Test
	void resolveWhenArmourHoldsGarbageThenNoFailure() {
		SecretTarget target = resolve("rsa_private_key", "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----");

		assertThat(target.kind()).isEqualTo(TargetKind.CLOUD_IDENTITY);
		assertThat(target.keyFingerprint()).isNull();
	}

	private SecretTarget resolve(String type, String value) {
		return resolution.resolve(new SecretText(type, value, null));
	}

	private static String expectedRsaFingerprint() {
		RSAPublicKey key = (RSAPublicKey) rsa.getPublic();
		ByteArrayOutputStream blob = new ByteArrayOutputStream();
		sshString(blob, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
		sshString(blob, key.getPublicExponent().toByteArray());
		sshString(blob, key.getModulus().toByteArray());
		try {
			return "SHA256:" + Base64.getEncoder().withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(blob.toByteArray()));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** openssh-key-v1 with the ed25519 public key above and a private section of zeros (not a real key). */
	private static byte[] openSshKey(String cipher) {
		ByteArrayOutputStream key = new ByteArrayOutputStream();
		key.writeBytes("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
		sshString(key, cipher.getBytes(StandardCharsets.US_ASCII));
		sshString(key, ("none".equals(cipher) ? "none" : "bcrypt").getBytes(StandardCharsets.US_ASCII));
		sshString(key, new byte[0]);
		key.writeBytes(ByteBuffer.allocate(4).putInt(1).array());
		sshString(key, Base64.getDecoder().decode(ED25519_PUBLIC));
		sshString(key, new byte[64]);
		return key.toByteArray();
	}

	/** The RSAPrivateKey (PKCS#1) inside a PKCS#8 PrivateKeyInfo: its last element, an OCTET STRING. */
	private static byte[] pkcs1(byte[] pkcs8) {
		int index = 0;
		// the outer SEQUENCE (entered), version (skipped), algorithm (skipped), then the OCTET STRING's content
		for (int element = 0; element < 4; element++) {
			int length = pkcs8[index + 1] & 0xff;
			int header = 2;
			if (length >= 0x80) {
				int bytes = length & 0x7f;
				length = new BigInteger(1, Arrays.copyOfRange(pkcs8, index + 2, index + 2 + bytes)).intValue();
				header += bytes;
			}
			if (element == 3) {
				return Arrays.copyOfRange(pkcs8, index + header, index + header + length);
			}
			index += element == 0 ? header : header + length;
		}
		throw new IllegalStateException("unreachable");
	}

	private static String pem(String label, byte[] der) {
		return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(der) + "\n-----END " + label + "-----";
	}

	private static void sshString(ByteArrayOutputStream out, byte[] value) {
		out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
		out.writeBytes(value);
	}

}
