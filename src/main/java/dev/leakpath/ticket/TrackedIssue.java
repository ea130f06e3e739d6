package dev.leakpath.ticket;

/**
 * An issue at its tracker.
 *
 * @param externalId Jira's issue key ({@code SEC-12}) or GitHub's issue number
 * @param url where people open it
 * @param open whether it is open (Jira: its status is not in the Done category)
 */
record TrackedIssue(String externalId, String url, boolean open) {
}
