package dev.leakpath.secret;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

	@Bean
	SecretFingerprinter secretFingerprinter(FingerprintProperties properties) {
		return new SecretFingerprinter(FingerprintKeyLoader.load(properties));
	}

}
