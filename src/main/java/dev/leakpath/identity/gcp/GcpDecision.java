package dev.leakpath.identity.gcp;

/** What the evaluation says of one kind of access. */
public enum GcpDecision {

	/** An unconditional binding grants it. */
	ALLOWED,

	/** Only a binding with an IAM condition grants it, and conditions are not evaluated. */
	ALLOWED_IF_CONDITIONS_HOLD,

	/** No binding that the evaluation knows grants it. */
	NOT_ALLOWED;

	public boolean mayAllow() {
		return this != NOT_ALLOWED;
	}

	GcpDecision or(GcpDecision other) {
		return this == ALLOWED || other == ALLOWED ? ALLOWED
				: this == ALLOWED_IF_CONDITIONS_HOLD || other == ALLOWED_IF_CONDITIONS_HOLD ? ALLOWED_IF_CONDITIONS_HOLD
						: NOT_ALLOWED;
	}

}
