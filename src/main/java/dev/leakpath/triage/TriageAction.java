package dev.leakpath.triage;

import java.util.Locale;
import java.util.Set;

import dev.leakpath.ingest.AlertChange;

/**
 * What a triage does. Resolving says the secret was dealt with (rotated or revoked); dismissing says it needs
 * no action. Both close the alert at its provider with a resolution from leakpath's neutral set
 * ({@code model.AlertStates.RESOLUTIONS}), which each provider's write-back turns into its own word.
 */
public enum TriageAction {

	ASSIGN(AlertChange.Kind.ASSIGN, Set.of()),

	RESOLVE(AlertChange.Kind.CLOSE, Set.of("revoked", "fixed")),

	DISMISS(AlertChange.Kind.CLOSE, Set.of("false_positive", "used_in_tests", "wont_fix", "accepted_risk")),

	REOPEN(AlertChange.Kind.REOPEN, Set.of()),

	/**
	 * Revoke the leaked token at the provider that issued it, then resolve the alert as {@code revoked}: GitHub
	 * personal access tokens, by an admin only.
	 */
	REVOKE(AlertChange.Kind.CLOSE, Set.of("revoked"));

	private final AlertChange.Kind kind;

	private final Set<String> resolutions;

	TriageAction(AlertChange.Kind kind, Set<String> resolutions) {
		this.kind = kind;
		this.resolutions = resolutions;
	}

	public String word() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The action a word of the API names; a 400 for any other. */
	public static TriageAction of(String word) {
		for (TriageAction action : values()) {
			if (action.word().equals(word)) {
				return action;
			}
		}
		throw new InvalidTriageException("action must be one of assign, resolve, dismiss, reopen, revoke");
	}

	AlertChange.Kind kind() {
		return kind;
	}

	/** The resolutions this action takes; empty when it takes none. */
	Set<String> resolutions() {
		return resolutions;
	}

}
