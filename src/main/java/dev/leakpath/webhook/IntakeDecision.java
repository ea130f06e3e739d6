package dev.leakpath.webhook;

/** What a provider's parser makes of a verified delivery. */
public sealed interface IntakeDecision {

	/** Store the delivery in the inbox, then acknowledge it. */
	record Store(InboundDelivery delivery) implements IntakeDecision {
	}

	/** Acknowledge without storing; {@code outcome} tags the metric, {@code reason} is logged and returned. */
	record Ignore(String outcome, String reason) implements IntakeDecision {
	}

	/**
	 * The provider scanned a scope again (GitHub's {@code secret_scanning_scan}): make it due for a pass, then
	 * acknowledge. {@code scope} is a configured scope.
	 */
	record RequestPass(String scope, String reason) implements IntakeDecision {
	}

	/** A sender's connectivity check: answer 200. */
	record Pong() implements IntakeDecision {
	}

}
