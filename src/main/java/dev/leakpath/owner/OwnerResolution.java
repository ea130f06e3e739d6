package dev.leakpath.owner;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Picks a repository's owners: the first config mapping that matches, else CODEOWNERS, else GitHub's admin
 * teams, else the organisation's fallback contacts.
 */
@Component
public class OwnerResolution {

	private final List<CompiledMapping> mappings;

	private final OwnerProperties properties;

	OwnerResolution(OwnerProperties properties) {
		this.properties = properties;
		this.mappings = properties.mappings().stream().map(CompiledMapping::of).toList();
	}

	public boolean readsProviders() {
		return properties.readCodeowners();
	}

	/** Owners from config alone, or null when the repository needs its provider asked. */
	public ResolvedOwners fromConfig(String fullName) {
		for (CompiledMapping mapping : mappings) {
			if (mapping.pattern().matcher(fullName).matches() && !mapping.owners().isEmpty()) {
				return new ResolvedOwners(mapping.owners(), "config");
			}
		}
		return null;
	}

	public ResolvedOwners resolve(String organization, String fullName, ProviderOwners provider) {
		ResolvedOwners configured = fromConfig(fullName);
		if (configured != null) {
			return configured;
		}
		if (!provider.codeOwners().isEmpty()) {
			return new ResolvedOwners(provider.codeOwners(), "codeowners");
		}
		if (!provider.admins().isEmpty()) {
			return new ResolvedOwners(provider.admins(), "admins");
		}
		List<String> fallback = properties.fallback().getOrDefault(organization, List.of());
		return fallback.isEmpty() ? ResolvedOwners.NONE : new ResolvedOwners(fallback, "fallback");
	}

	private record CompiledMapping(Pattern pattern, List<String> owners) {

		static CompiledMapping of(OwnerProperties.Mapping mapping) {
			if (mapping.pattern() == null || mapping.pattern().isBlank()) {
				throw new IllegalStateException("leakpath.owners.mappings: every entry needs a pattern");
			}
			StringBuilder regex = new StringBuilder();
			for (String part : mapping.pattern().split("\\*", -1)) {
				if (!regex.isEmpty()) {
					regex.append(".*");
				}
				regex.append(Pattern.quote(part));
			}
			return new CompiledMapping(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE), mapping.owners());
		}

	}

}
