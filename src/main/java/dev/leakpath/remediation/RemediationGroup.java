package dev.leakpath.remediation;

/** One value of the grouping dimension (a provider, an organisation, …) and its figures. */
public record RemediationGroup(String key, RemediationFigures figures) {
}
