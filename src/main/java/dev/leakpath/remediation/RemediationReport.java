package dev.leakpath.remediation;

import java.util.List;

/**
 * Remediation over the last {@code days} days, overall and by one dimension, slowest mean first.
 *
 * @param groups at most the requested number, slowest mean first
 * @param moreGroups whether groups beyond those were left out
 */
public record RemediationReport(int days, String by, RemediationFigures overall, List<RemediationGroup> groups,
		boolean moreGroups) {
}
