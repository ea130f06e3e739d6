package dev.leakpath.identity.aws;

import java.util.List;

/**
 * One statement of an IAM policy, as AWS's policy grammar has it (IAM User Guide, "IAM JSON policy elements"):
 * either {@code Action} or {@code NotAction}, either {@code Resource} or {@code NotResource}, and for a
 * resource-based policy the principals it names.
 *
 * @param allow {@code Effect} is {@code Allow}; otherwise {@code Deny}
 * @param actions the patterns of {@code Action}, or of {@code NotAction} when {@code notAction}
 * @param resources the patterns of {@code Resource}, or of {@code NotResource} when {@code notResource}; empty in a
 * resource-based policy that names none (the resource it is attached to)
 * @param principals {@code Principal}'s AWS principals ({@code *}, an account id, an ARN); empty in an identity policy
 * @param conditional whether it has a {@code Condition}, or a {@code NotPrincipal}, which leakpath does not evaluate
 */
public record IamStatement(boolean allow, List<String> actions, boolean notAction, List<String> resources,
		boolean notResource, List<String> principals, boolean conditional) {

	public IamStatement {
		actions = List.copyOf(actions);
		resources = List.copyOf(resources);
		principals = List.copyOf(principals);
	}

}
