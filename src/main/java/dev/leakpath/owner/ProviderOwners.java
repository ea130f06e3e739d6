package dev.leakpath.owner;

import java.util.List;

/**
 * What a provider says about a repository's owners.
 *
 * @param codeOwners the owners CODEOWNERS names, in file order; empty without a file
 * @param admins {@code @org/team} of each team and {@code @login} of each person with admin access (GitHub only)
 */
public record ProviderOwners(List<String> codeOwners, List<String> admins) {

	public static final ProviderOwners NONE = new ProviderOwners(List.of(), List.of());

	public ProviderOwners {
		codeOwners = List.copyOf(codeOwners);
		admins = List.copyOf(admins);
	}

}
