package dev.leakpath.remediation;

import java.time.LocalDate;

import org.springframework.lang.Nullable;

/**
 * One ISO week (Monday, UTC) of the open-versus-fixed timeline.
 *
 * @param opened alerts created in the week
 * @param fixed alerts resolved in the week, whatever the resolution
 * @param openAtEnd alerts open at the week's end (now, for this week)
 * @param slaCompliance share of the week's resolutions within their SLA; null when none
 */
public record RemediationWeek(LocalDate weekStart, long opened, long fixed, long openAtEnd, long withinSla,
		@Nullable Double slaCompliance) {
}
