package dev.leakpath.attackpath;

import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param recomputeCheckInterval how often each instance looks for a due recompute that no one is running
 * (its instance died, or it failed); an instance also looks at start-up and right after each inventory write
 * @param recomputeWorkMem PostgreSQL's {@code work_mem} within a recompute's transaction: its joins, groupings
 * and sorts over every alert and path spill to disk with the server's default (4 MB)
 * @param riskClockInterval how often the findings whose risk time alone changed (a secret expired, an alert went
 * past its SLA) are re-scored
 */
@ConfigurationProperties("leakpath.graph")
record GraphProperties(@DefaultValue("PT1M") Duration recomputeCheckInterval,
		@DefaultValue("256MB") String recomputeWorkMem, @DefaultValue("PT5M") Duration riskClockInterval) {

	/** PostgreSQL's own form of a memory size: a bad one would fail every recompute, so it stops start-up. */
	private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]*(kB|MB|GB)");

	GraphProperties {
		if (recomputeWorkMem == null || !MEMORY.matcher(recomputeWorkMem).matches()) {
			throw new IllegalArgumentException("leakpath.graph.recompute-work-mem must be a size such as 256MB (kB, MB "
					+ "or GB)");
		}
	}
}
