package dev.leakpath.attackpath;

/**
 * The overview's headline figures: open critical and high attack paths, secrets still valid on an open alert,
 * public repositories with an open path, and resources open paths reach.
 */
public record Headline(long criticalPaths, long highPaths, long validExposedSecrets, long publicRepositoriesWithPaths,
		long reachableTargets) {
}
