package dev.leakpath.remediation;

import org.springframework.lang.Nullable;

/**
 * How fast alerts resolved in a window were remediated: time from the provider's {@code created_at} to its
 * {@code resolved_at}, whatever the resolution.
 *
 * @param resolved alerts resolved in the window
 * @param meanHours mean time to remediate, in hours; null when none resolved
 * @param p90Hours 90th percentile, in hours; null when none resolved
 * @param withinSla those resolved within the SLA of the level they had open ({@code leakpath.notifications.sla})
 * @param slaCompliance {@code withinSla / resolved}, 0 to 1; null when none resolved
 */
public record RemediationFigures(long resolved, @Nullable Double meanHours, @Nullable Double p90Hours, long withinSla,
		@Nullable Double slaCompliance) {
}
