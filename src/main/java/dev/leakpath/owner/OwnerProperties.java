package dev.leakpath.owner;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where repository owners come from, besides the repositories themselves.
 *
 * @param mappings owners by repository pattern, the first match winning; a pattern is a glob over the
 * repository's full name ({@code acme-corp/payments-*}; Azure DevOps: {@code project/repository}) with
 * {@code *} for any run of characters
 * @param fallback owners per organisation, for repositories nothing else names
 * @param readCodeowners read CODEOWNERS ({@code .github/CODEOWNERS}, {@code CODEOWNERS},
 * {@code docs/CODEOWNERS}) on the default branch, and GitHub's teams with admin access
 */
@ConfigurationProperties("leakpath.owners")
public record OwnerProperties(List<Mapping> mappings, Map<String, List<String>> fallback, Boolean readCodeowners) {

	public OwnerProperties {
		mappings = mappings == null ? List.of() : List.copyOf(mappings);
		fallback = fallback == null ? Map.of() : Map.copyOf(fallback);
		readCodeowners = readCodeowners == null || readCodeowners;
	}

	/**
	 * @param pattern a glob over the repository's full name
	 * @param owners e-mail addresses, @users or @org/teams
	 */
	public record Mapping(String pattern, List<String> owners) {

		public Mapping {
			owners = owners == null ? List.of() : List.copyOf(owners);
		}

	}

}
