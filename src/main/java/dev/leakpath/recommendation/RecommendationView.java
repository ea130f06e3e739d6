package dev.leakpath.recommendation;

import java.util.List;

import dev.leakpath.risk.RiskScore;

import org.springframework.lang.Nullable;

/**
 * A repository's recommendation: unhealthy while it has open secret-scanning findings, with the risk score of
 * its worst finding made of the factors listed (their points add up to it), the open findings, and what to do
 * about them. {@code severity} is the score's level, {@code none} when healthy.
 */
public record RecommendationView(long repositoryId, String provider, String title, Repository repository, String status,
		String severity, int riskScore, List<RiskScore.Points> factors, long openFindings, long totalFindings,
		List<Finding> findings, List<String> remediation) {

	public record Repository(String organization, @Nullable String project, String fullName, @Nullable String url,
			@Nullable String visibility, List<String> owners, @Nullable String ownerSource) {
	}

	public record Finding(long alertId, String secretType, @Nullable String secretTypeDisplayName, String state,
			@Nullable String validity, @Nullable String targetResourceType, @Nullable String targetName,
			@Nullable String targetExists, @Nullable String alertUrl, int riskScore, String riskLevel) {
	}

}
