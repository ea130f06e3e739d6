package dev.leakpath.repository;

import java.util.List;

import dev.leakpath.risk.RiskScore;

import org.springframework.lang.Nullable;

/**
 * A code repository as the API shows it, with its alert counts, owners and risk: that of its worst finding.
 *
 * @param ownerSource where the owners came from: {@code config}, {@code codeowners}, {@code admins},
 * {@code fallback}; null while none are known
 */
public record RepositoryView(long id, String provider, String organization, @Nullable String project, String fullName,
		@Nullable String url, @Nullable String visibility, @Nullable Boolean archived, @Nullable String defaultBranch,
		long openAlerts, long totalAlerts, List<String> owners, @Nullable String ownerSource, RiskScore risk) {
}
