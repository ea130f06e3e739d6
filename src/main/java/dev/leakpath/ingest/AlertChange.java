package dev.leakpath.ingest;

import java.util.Objects;

/**
 * A triage change to write to an alert's provider, in leakpath's words: each provider's write-back turns them into
 * its own.
 *
 * @param kind what to do
 * @param resolution why a {@link Kind#CLOSE} closes the alert: a word of {@code model.AlertStates.RESOLUTIONS};
 * null otherwise
 * @param comment a person's comment on a close or reopen, or null
 * @param assignee the person an {@link Kind#ASSIGN} assigns; null otherwise
 */
public record AlertChange(Kind kind, String resolution, String comment, String assignee) {

	public AlertChange {
		Objects.requireNonNull(kind, "kind must not be null");
	}

	public enum Kind {

		/** Assign to a person. */
		ASSIGN,

		/** Resolve or dismiss, with a resolution. */
		CLOSE,

		/** Open again. */
		REOPEN

	}

}
