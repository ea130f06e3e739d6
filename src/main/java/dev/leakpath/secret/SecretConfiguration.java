package dev.leakpath.secret;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

	@Bean
	SecretFingerprinter secretFingerprinter(FingerprintProperties properties, Environment environment) {
		// a key made up in production would re-fingerprint every secret after a restart onto a fresh disk
		boolean mayGenerate = environment.matchesProfiles("demo");
		return new SecretFingerprinter(FingerprintKeyLoader.load(properties, mayGenerate));
	}

}
