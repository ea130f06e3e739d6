package dev.leakpath.secret;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param fingerprintKey the HMAC key for secret fingerprints (at least 32 characters); takes precedence
 * over the file
 * @param fingerprintKeyFile file holding the key; in the demo profile only, generated with a random key when
 * absent
 */
@ConfigurationProperties("leakpath")
record FingerprintProperties(String fingerprintKey, Path fingerprintKeyFile) {
}
