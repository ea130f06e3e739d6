package dev.leakpath.triage;

import java.util.TreeSet;

import dev.leakpath.ingest.AlertChange;

/**
 * What a triage asks for, checked: an action, the resolution a close needs, an optional comment, the person an
 * assignment names.
 *
 * @param resolution set iff the action closes the alert
 * @param comment for a close or a reopen only; null when none
 * @param assignee set iff the action assigns
 */
public record TriageOrder(TriageAction action, String resolution, String comment, String assignee) {

	/**
	 * GitHub's limit on dismissal comments of code-scanning ({@code maxLength} in its REST description) and
	 * Dependabot alerts; its secret-scanning PATCH names no limit and answers 400 to a comment it finds invalid.
	 */
	static final int MAX_COMMENT = 280;

	/** The longest an e-mail address may be; a GitHub login is at most 39 characters. */
	static final int MAX_ASSIGNEE = 254;

	public TriageOrder {
		if (action == null) {
			throw new InvalidTriageException("action is required: assign, resolve, dismiss or reopen");
		}
		if (action == TriageAction.REVOKE && resolution == null) {
			resolution = "revoked";
		}
		boolean closes = !action.resolutions().isEmpty();
		if (closes && (resolution == null || !action.resolutions().contains(resolution))) {
			throw new InvalidTriageException(action.word() + " needs a resolution, one of "
					+ new TreeSet<>(action.resolutions()));
		}
		if (!closes && resolution != null) {
			throw new InvalidTriageException(action.word() + " takes no resolution");
		}
		comment = comment == null || comment.isBlank() ? null : comment.strip();
		if (comment != null && (action == TriageAction.ASSIGN || comment.length() > MAX_COMMENT)) {
			throw new InvalidTriageException(action == TriageAction.ASSIGN ? "assign takes no comment"
					: "comment must be at most " + MAX_COMMENT + " characters");
		}
		assignee = assignee == null ? null : assignee.strip();
		if (action == TriageAction.ASSIGN && (assignee == null || assignee.isEmpty() || assignee.length() > MAX_ASSIGNEE
				|| assignee.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)))) {
			throw new InvalidTriageException("assign needs an assignee: a GitHub login or, for Azure DevOps alerts, "
					+ "any name without spaces, at most " + MAX_ASSIGNEE + " characters");
		}
		if (action != TriageAction.ASSIGN && assignee != null) {
			throw new InvalidTriageException(action.word() + " takes no assignee");
		}
	}

	AlertChange change() {
		return new AlertChange(action.kind(), resolution, comment, assignee);
	}

	/** The neutral state the alert is asked to have once applied; null when the action does not change it. */
	String targetState() {
		switch (action.kind()) {
			case CLOSE:
				return "resolved";
			case REOPEN:
				return "open";
			default:
				return null;
		}
	}

}
