package dev.leakpath.model;

/**
 * A code repository. {@code visibility}, {@code archived} and {@code defaultBranch} are null when only
 * the alert's summary of the repository is known; {@code metadataComplete} says whether they were read
 * from the repository itself.
 */
public record NormalizedRepository(String provider, String organization, String project, String name,
		String fullName, String providerRepoId, String url, String visibility, Boolean archived,
		String defaultBranch, boolean metadataComplete) {
}
