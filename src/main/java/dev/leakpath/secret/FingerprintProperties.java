package dev.leakpath.secret;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param fingerprintKey the HMAC key for secret fingerprints (at least 32 characters); takes precedence
 * over the file
 * @param fingerprintKeyFile file holding the key; generated with a random key when absent
 */
@ConfigurationProperties("leakpath")
record FingerprintProperties(String fingerprintKey, @DefaultValue("data/fingerprint.key") Path fingerprintKeyFile) {
}
