package dev.leakpath.recommendation;

import java.util.List;

/**
 * A repository's recommendation: unhealthy while it has open secret-scanning findings, with a risk score
 * made of the factors listed, the open findings, and what to do about them.
 */
public record RecommendationView(long repositoryId, String provider, String title, Repository repository,
		String status, String severity, int riskScore, List<RiskFactor> factors, long openFindings,
		long totalFindings, List<Finding> findings, List<String> remediation) {

	public record Repository(String organization, String project, String fullName, String url, String visibility,
			List<String> owners, String ownerSource) {
	}

	/** One reason for the score, and the points it adds. */
	public record RiskFactor(String factor, int points) {
	}

	public record Finding(long alertId, String secretType, String secretTypeDisplayName, String state, String validity,
			String targetResourceType, String targetName, String targetExists, String alertUrl) {
	}

}
