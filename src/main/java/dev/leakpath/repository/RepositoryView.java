package dev.leakpath.repository;

/** A code repository as the API shows it, with its alert counts. */
public record RepositoryView(long id, String provider, String organization, String project, String fullName,
		String url, String visibility, Boolean archived, String defaultBranch, long openAlerts, long totalAlerts) {
}
