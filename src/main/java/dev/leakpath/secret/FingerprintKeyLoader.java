package dev.leakpath.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.leakpath.settings.InvalidSettingException;

import org.springframework.util.StringUtils;

/**
 * Finds the fingerprint key: the configured value, else the key file, else (in the demo profile only) a new
 * random key written to the key file so fingerprints stay comparable across restarts.
 */
final class FingerprintKeyLoader {

	private static final Logger log = LoggerFactory.getLogger(FingerprintKeyLoader.class);

	private FingerprintKeyLoader() {
	}

	/** @param mayGenerate whether a missing key file is created with a new key rather than refused */
	static byte[] load(FingerprintProperties properties, boolean mayGenerate) {
		if (StringUtils.hasText(properties.fingerprintKey())) {
			byte[] key = properties.fingerprintKey().getBytes(StandardCharsets.UTF_8);
			if (key.length < SecretFingerprinter.MINIMUM_KEY_BYTES) {
				throw new InvalidSettingException("leakpath.fingerprint-key", "must be at least "
						+ SecretFingerprinter.MINIMUM_KEY_BYTES + " bytes; it has " + key.length);
			}
			return key;
		}
		// one of the two is set (RequiredSettingsCheck)
		Path file = properties.fingerprintKeyFile().toAbsolutePath();
		try {
			if (Files.exists(file)) {
				byte[] key = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
				if (key.length < SecretFingerprinter.MINIMUM_KEY_BYTES) {
					throw new InvalidSettingException("leakpath.fingerprint-key-file", "holds a key of " + key.length
							+ " bytes; it must be at least " + SecretFingerprinter.MINIMUM_KEY_BYTES);
				}
				return key;
			}
			if (!mayGenerate) {
				throw new InvalidSettingException("leakpath.fingerprint-key-file", "names " + file + ", which does not "
						+ "exist; outside the demo profile no key is made up: write the key there (openssl rand "
						+ "-base64 48), or set leakpath.fingerprint-key");
			}
			return generate(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the fingerprint key file " + file, ex);
		}
	}

	private static byte[] generate(Path file) throws IOException {
		byte[] random = new byte[48];
		new SecureRandom().nextBytes(random);
		String key = Base64.getEncoder().encodeToString(random);
		Files.createDirectories(file.getParent());
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			log.debug("File system has no POSIX permissions; {} gets its default permissions", file);
			Files.createFile(file);
		}
		Files.writeString(file, key, StandardCharsets.UTF_8);
		log.warn("No leakpath.fingerprint-key configured: generated a new key in {}. Keep this file (or set "
				+ "LEAKPATH_FINGERPRINT_KEY): fingerprints made with another key do not match.", file);
		return key.getBytes(StandardCharsets.UTF_8);
	}

}
