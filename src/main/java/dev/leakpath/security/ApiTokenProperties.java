package dev.leakpath.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * @param tokens bearer tokens accepted on {@code /api/**}; with none, the API refuses every request
 */
@ConfigurationProperties("leakpath.api")
record ApiTokenProperties(List<String> tokens) {

	ApiTokenProperties {
		tokens = tokens == null ? List.of() : tokens.stream().filter(StringUtils::hasText).map(String::strip).toList();
	}

}
