package dev.leakpath.model;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The provider-neutral alert state and resolution, and how each provider's words map onto them. An alert is
 * {@code open} or {@code resolved}; a state word we do not know counts as open, so that an alert is never
 * hidden because a provider added a state.
 */
public final class AlertStates {

	public static final String OPEN = "open";

	public static final String RESOLVED = "resolved";

	/** Why an alert was resolved; {@code other} stands for a provider word not in this list (kept beside it). */
	public static final Set<String> RESOLUTIONS = Set.of("revoked", "false_positive", "wont_fix", "used_in_tests",
			"pattern_edited", "pattern_deleted", "fixed", "accepted_risk", "auto_dismissed", "agreed_to_guidance",
			"tool_upgrade", "not_distributed", "other");

	/** Azure DevOps's {@code dismissedReason}/{@code dismissalType} values (reference §1 "Update alert"). */
	private static final Map<String, String> AZURE_DEVOPS_DISMISSALS = Map.of("fixed", "fixed", "acceptedrisk",
			"accepted_risk", "falsepositive", "false_positive", "agreedtoguidance", "agreed_to_guidance", "toolupgrade",
			"tool_upgrade", "notdistributed", "not_distributed");

	private AlertStates() {
	}

	/** GitHub's {@code state} is {@code open} or {@code resolved} already. */
	public static String fromGitHub(String state) {
		return RESOLVED.equalsIgnoreCase(state) ? RESOLVED : OPEN;
	}

	/** GitHub's resolutions are neutral words already; one we do not know is {@code other}. */
	public static String gitHubResolution(String state, String resolution) {
		if (!RESOLVED.equals(fromGitHub(state))) {
			return null;
		}
		if (resolution == null) {
			return "other";
		}
		String word = resolution.toLowerCase(Locale.ROOT);
		return RESOLUTIONS.contains(word) ? word : "other";
	}

	/** Azure DevOps: {@code active} is open; {@code fixed}, {@code dismissed}, {@code autoDismissed} are resolved. */
	public static String fromAzureDevOps(String state) {
		String word = state == null ? "" : state.toLowerCase(Locale.ROOT);
		return word.equals("fixed") || word.equals("dismissed") || word.equals("autodismissed") ? RESOLVED : OPEN;
	}

	/** The neutral resolution of an Azure DevOps alert, from its state and its dismissal's type. */
	public static String azureDevOpsResolution(String state, String dismissalType) {
		String word = state == null ? "" : state.toLowerCase(Locale.ROOT);
		if (word.equals("fixed")) {
			return "fixed";
		}
		if (word.equals("autodismissed")) {
			return "auto_dismissed";
		}
		if (!word.equals("dismissed")) {
			return null;
		}
		return dismissalType == null ? "other"
				: AZURE_DEVOPS_DISMISSALS.getOrDefault(dismissalType.toLowerCase(Locale.ROOT), "other");
	}

}
