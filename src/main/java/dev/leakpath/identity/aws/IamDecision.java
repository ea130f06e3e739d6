package dev.leakpath.identity.aws;

/** What IAM would decide for one request, as far as leakpath evaluates it. */
public enum IamDecision {

	/** An applicable Allow, and no applicable Deny. */
	ALLOWED,

	/** Allowed only if conditions leakpath does not evaluate hold (a Condition, NotPrincipal or a policy variable). */
	ALLOWED_IF_CONDITIONS_HOLD,

	/** An explicit, unconditional Deny applies: it wins over every Allow. */
	DENIED,

	/** No Allow applies: IAM's implicit deny. */
	NOT_ALLOWED;

	public boolean mayAllow() {
		return this == ALLOWED || this == ALLOWED_IF_CONDITIONS_HOLD;
	}

}
