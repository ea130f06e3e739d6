package dev.leakpath.repository;

import java.util.List;

/**
 * A code repository as the API shows it, with its alert counts and owners.
 *
 * @param ownerSource where the owners came from: {@code config}, {@code codeowners}, {@code admins},
 * {@code fallback}; null while none are known
 */
public record RepositoryView(long id, String provider, String organization, String project, String fullName,
		String url, String visibility, Boolean archived, String defaultBranch, long openAlerts, long totalAlerts,
		List<String> owners, String ownerSource) {
}
