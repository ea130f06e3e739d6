package dev.leakpath.secret;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

	@Bean
	SecretFingerprinter secretFingerprinter(FingerprintProperties properties) {
		return new SecretFingerprinter(FingerprintKeyLoader.load(properties));
	}

	@Bean
	SecretStore secretStore(DatabaseClient db, SecretFingerprinter fingerprinter) {
		return new SecretStore(db, fingerprinter);
	}

}
