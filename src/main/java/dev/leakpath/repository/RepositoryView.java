package dev.leakpath.repository;

import java.util.List;

import dev.leakpath.risk.RiskScore;

/**
 * A code repository as the API shows it, with its alert counts, owners and risk: that of its worst finding.
 *
 * @param ownerSource where the owners came from: {@code config}, {@code codeowners}, {@code admins},
 * {@code fallback}; null while none are known
 */
public record RepositoryView(long id, String provider, String organization, String project, String fullName,
		String url, String visibility, Boolean archived, String defaultBranch, long openAlerts, long totalAlerts,
		List<String> owners, String ownerSource, RiskScore risk) {
}
