package dev.leakpath.target;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private keys (OpenSSH, PKCS#1, PKCS#8, PuTTY): the key type and, where the public key can be had without
 * a passphrase, its OpenSSH {@code SHA256:} fingerprint, which machines that trust the key can be matched by.
 */
final class PrivateKeyResolver implements TargetResolver {

	static final String RESOURCE_TYPE = "ssh/private-key";

	private static final Pattern PEM = Pattern.compile(
			"-----BEGIN ((?:OPENSSH |RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY)-----(.*?)-----END \\1-----", Pattern.DOTALL);

	private static final Pattern PUTTY = Pattern.compile(
			"PuTTY-User-Key-File-\\d: ([\\w@.-]+).*?Public-Lines: (\\d+)\\s*\\n(.*)", Pattern.DOTALL);

	@Override
	public Set<String> secretTypes() {
		return Set.of("openssh_private_key", "rsa_private_key", "ec_private_key", "github_ssh_private_key",
				"CryptographicPrivateKey", "private_key");
	}

	@Override
	public Optional<SecretTarget> resolve(String text, String secretType) {
		Matcher pem = PEM.matcher(text);
		if (pem.find()) {
			return Optional.of(pem(pem.group(1), pem.group(2)));
		}
		Matcher putty = PUTTY.matcher(text);
		if (putty.find()) {
			String[] lines = putty.group(3).split("\\R");
			int count = Integer.parseInt(putty.group(2));
			if (lines.length >= count) {
				StringBuilder base64 = new StringBuilder();
				for (int index = 0; index < count; index++) {
					base64.append(lines[index].strip());
				}
				return Optional.of(key(putty.group(1), decode(base64.toString()), "PuTTY key file public lines"));
			}
		}
		return Optional.empty();
	}

	private static SecretTarget pem(String label, String body) {
		boolean encrypted = label.startsWith("ENCRYPTED") || body.contains("ENCRYPTED");
		String base64 = body.lines().filter(line -> !line.contains(":")).reduce("", (all, line) -> all + line.strip());
		byte[] der = decode(base64);
		if (encrypted || der == null) {
			return key(label.replace(" PRIVATE KEY", "").toLowerCase(Locale.ROOT).strip(), null,
					encrypted ? "encrypted " + label + ": no public key without the passphrase" : label);
		}
		return switch (label) {
			case "OPENSSH PRIVATE KEY" -> openSsh(der);
			case "RSA PRIVATE KEY" -> pkcs1Rsa(der);
			case "PRIVATE KEY" -> pkcs8(der);
			default -> key(label.replace(" PRIVATE KEY", "").toLowerCase(Locale.ROOT), null, label);
		};
	}

	/** openssh-key-v1: the public key sits in clear ahead of the (maybe encrypted) private part. */
	private static SecretTarget openSsh(byte[] der) {
		try {
			ByteBuffer buffer = ByteBuffer.wrap(der);
			byte[] magic = new byte[15];
			buffer.get(magic);
			if (!new String(magic, StandardCharsets.US_ASCII).equals("openssh-key-v1\0")) {
				return key("openssh", null, "OPENSSH PRIVATE KEY with an unknown layout");
			}
			String cipher = new String(string(buffer), StandardCharsets.US_ASCII);
			string(buffer);
			string(buffer);
			buffer.getInt();
			byte[] publicKey = string(buffer);
			return key(null, publicKey, "none".equals(cipher) ? "OPENSSH PRIVATE KEY" : "OPENSSH PRIVATE KEY (encrypted; public key in clear)");
		}
		catch (RuntimeException ex) {
			return key("openssh", null, "OPENSSH PRIVATE KEY that cannot be read");
		}
	}

	/** PKCS#1 RSAPrivateKey: SEQUENCE { version, modulus, publicExponent, … }. */
	private static SecretTarget pkcs1Rsa(byte[] der) {
		try {
			ByteBuffer buffer = ByteBuffer.wrap(der);
			expect(buffer, 0x30);
			length(buffer);
			integer(buffer);
			BigInteger modulus = integer(buffer);
			BigInteger exponent = integer(buffer);
			return key(null, sshRsa(exponent, modulus), "RSA PRIVATE KEY (PKCS#1)");
		}
		catch (RuntimeException ex) {
			return key("rsa", null, "RSA PRIVATE KEY that cannot be read");
		}
	}

	private static SecretTarget pkcs8(byte[] der) {
		try {
			RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(der));
			return key(null, sshRsa(rsa.getPublicExponent(), rsa.getModulus()), "PRIVATE KEY (PKCS#8 RSA)");
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			return key("pkcs8", null, "PRIVATE KEY (PKCS#8, not RSA: no public key derived)");
		}
	}

	private static SecretTarget key(String algorithm, byte[] publicKey, String evidence) {
		String type = algorithm;
		String fingerprint = null;
		if (publicKey != null) {
			type = new String(string(ByteBuffer.wrap(publicKey)), StandardCharsets.US_ASCII);
			fingerprint = SshFingerprints.of(publicKey);
		}
		return new SecretTarget(TargetKind.CLOUD_IDENTITY, null, RESOURCE_TYPE, type, null, null, null, null, fingerprint,
				evidence, fingerprint == null ? SecretTarget.MEDIUM : SecretTarget.HIGH);
	}

	static byte[] sshRsa(BigInteger exponent, BigInteger modulus) {
		ByteArrayOutputStream blob = new ByteArrayOutputStream();
		writeString(blob, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
		writeString(blob, exponent.toByteArray());
		writeString(blob, modulus.toByteArray());
		return blob.toByteArray();
	}

	private static void writeString(ByteArrayOutputStream out, byte[] value) {
		out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
		out.writeBytes(value);
	}

	private static byte[] string(ByteBuffer buffer) {
		int length = buffer.getInt();
		if (length < 0 || length > buffer.remaining()) {
			throw new IllegalArgumentException("bad length");
		}
		byte[] value = new byte[length];
		buffer.get(value);
		return value;
	}

	private static void expect(ByteBuffer buffer, int tag) {
		if ((buffer.get() & 0xff) != tag) {
			throw new IllegalArgumentException("unexpected DER tag");
		}
	}

	private static int length(ByteBuffer buffer) {
		int first = buffer.get() & 0xff;
		if (first < 0x80) {
			return first;
		}
		int length = 0;
		for (int index = 0; index < (first & 0x7f); index++) {
			length = (length << 8) | (buffer.get() & 0xff);
		}
		return length;
	}

	private static BigInteger integer(ByteBuffer buffer) {
		expect(buffer, 0x02);
		byte[] value = new byte[length(buffer)];
		buffer.get(value);
		return new BigInteger(value);
	}

	private static byte[] decode(String base64) {
		try {
			return Base64.getMimeDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
