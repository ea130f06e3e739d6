package dev.leakpath.identity.azure;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Azure RBAC's action patterns: compared case-insensitively, each {@code *} matching any characters at any place
 * ({@code *}, {@code Microsoft.Storage/*}, a leading wildcard before {@code /read}, or one in the middle as in
 * Contributor's {@code notActions} on {@code Microsoft.Authorization}).
 */
final class AzureActions {

	private AzureActions() {
	}

	static boolean matches(String pattern, String action) {
		String regex = Stream.of(pattern.toLowerCase(Locale.ROOT).split("\\*", -1))
			.map(Pattern::quote)
			.collect(Collectors.joining(".*"));
		return Pattern.matches(regex, action.toLowerCase(Locale.ROOT));
	}

	static boolean matchesAny(List<String> patterns, String action) {
		return patterns.stream().anyMatch(pattern -> matches(pattern, action));
	}

}
