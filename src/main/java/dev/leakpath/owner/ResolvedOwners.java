package dev.leakpath.owner;

import java.util.List;

/**
 * A repository's owners and where they came from.
 *
 * @param source {@code config}, {@code codeowners}, {@code admins}, {@code fallback}, or {@code none}
 */
public record ResolvedOwners(List<String> owners, String source) {

	public static final ResolvedOwners NONE = new ResolvedOwners(List.of(), "none");

}
