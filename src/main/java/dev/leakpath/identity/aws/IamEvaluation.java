package dev.leakpath.identity.aws;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A documented subset of IAM's policy evaluation (IAM User Guide, "Policy evaluation logic"): an explicit Deny in
 * any applicable policy wins; within one account an Allow in either the user's identity-based policies or the
 * resource's policy (naming the user, or everyone) allows; across accounts both must allow. {@code Action},
 * {@code NotAction}, {@code Resource}, {@code NotResource} and {@code Principal} are evaluated with IAM's
 * wildcards, and {@code ${aws:username}} is filled in. A resource ARN ending in {@code /*} asks about some
 * resource under it (some object of a bucket): an Allow of any of them counts, a Deny only if it covers them all.
 * <p>
 * Not evaluated, so reported as {@link IamDecision#ALLOWED_IF_CONDITIONS_HOLD} where they could matter:
 * {@code Condition}, {@code NotPrincipal} and other policy variables. Not considered at all: permissions
 * boundaries, service control and resource control policies, session policies, group membership beyond the
 * policies given, and S3 ACLs and Block Public Access. The answer can therefore say more is reachable than is,
 * never less, for the policies it is given.
 */
public final class IamEvaluation {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

	private IamEvaluation() {
	}

	/**
	 * @param identityPolicies the user's attached and inline policies and those of its groups
	 * @param resourcePolicies the resource's own policies (a bucket policy); empty when it has none
	 * @param resourceAccountId the account owning the resource, or null when it is the caller's
	 */
	public static IamDecision evaluate(IamCaller caller, List<IamPolicyDocument> identityPolicies,
			List<IamPolicyDocument> resourcePolicies, String resourceAccountId, String action, String resourceArn) {
		Tally identity = new Tally();
		for (IamPolicyDocument policy : identityPolicies) {
			for (IamStatement statement : policy.statements()) {
				identity.add(statement, applies(statement, caller, action, resourceArn, false));
			}
		}
		Tally resource = new Tally();
		for (IamPolicyDocument policy : resourcePolicies) {
			for (IamStatement statement : policy.statements()) {
				Match principal = principal(statement, caller);
				Match match = principal == Match.NO ? Match.NO
						: applies(statement, caller, action, resourceArn, true).and(principal);
				// an Allow to the whole account only delegates to its identity policies; a Deny to it applies
				if (statement.allow() && accountWide(statement, caller)) {
					match = Match.NO;
				}
				resource.add(statement, match);
			}
		}
		if (identity.denied == Match.YES || resource.denied == Match.YES) {
			return IamDecision.DENIED;
		}
		boolean crossAccount = resourceAccountId != null && !resourceAccountId.equals(caller.accountId());
		Match allowed = crossAccount ? identity.allowed.and(resource.allowed) : identity.allowed.or(resource.allowed);
		if (allowed == Match.NO) {
			return IamDecision.NOT_ALLOWED;
		}
		boolean uncertain = allowed == Match.MAYBE || identity.denied == Match.MAYBE || resource.denied == Match.MAYBE;
		return uncertain ? IamDecision.ALLOWED_IF_CONDITIONS_HOLD : IamDecision.ALLOWED;
	}

	/** Whether the policies grant everything: an unconditional Allow of every action on every resource. */
	public static boolean grantsEverything(List<IamPolicyDocument> identityPolicies) {
		return identityPolicies.stream().flatMap(policy -> policy.statements().stream())
			.anyMatch(statement -> statement.allow() && !statement.conditional() && !statement.notAction()
					&& !statement.notResource() && statement.actions().contains("*")
					&& statement.resources().contains("*"));
	}

	private static Match applies(IamStatement statement, IamCaller caller, String action, String resourceArn,
			boolean resourcePolicy) {
		boolean actionListed = statement.actions().stream().anyMatch(pattern -> IamPatterns.actionMatches(pattern, action));
		if (actionListed == statement.notAction()) {
			return Match.NO;
		}
		Match resource;
		if (statement.resources().isEmpty()) {
			// a resource-based policy may leave Resource out: it is about the resource it is attached to
			resource = resourcePolicy ? Match.YES : Match.NO;
		}
		else {
			resource = Match.NO;
			// some of the resources under a prefix: an Allow of any of them applies, a Deny must cover them all
			boolean someUnder = statement.allow() && !statement.notResource() && resourceArn.endsWith("/*");
			for (String pattern : statement.resources()) {
				resource = resource.or(resourceMatch(pattern, caller, resourceArn, someUnder));
			}
			if (statement.notResource()) {
				resource = resource.not();
			}
		}
		return statement.conditional() ? resource.and(Match.MAYBE) : resource;
	}

	private static Match resourceMatch(String pattern, IamCaller caller, String resourceArn, boolean someUnder) {
		String filled = pattern.replace("${aws:username}", caller.userName() == null ? "*" : caller.userName());
		// no regular expression for the patterns without a variable, most of them: this runs per user and bucket
		Matcher variables = filled.contains("${") ? VARIABLE.matcher(filled) : null;
		boolean unknown = variables != null && variables.find();
		// another variable: its value is unknown here, so the statement may match where a wildcard would
		String glob = unknown ? variables.replaceAll("*") : filled;
		boolean matches = someUnder
				? IamPatterns.mayMatchUnder(glob, resourceArn.substring(0, resourceArn.length() - 1))
				: IamPatterns.resourceMatches(glob, resourceArn);
		return !matches ? Match.NO : unknown ? Match.MAYBE : Match.YES;
	}

	/** Everyone, the caller itself, or its whole account (by id or as its {@code root}). */
	private static Match principal(IamStatement statement, IamCaller caller) {
		for (String principal : statement.principals()) {
			if (principal.equals("*") || IamPatterns.resourceMatches(principal, caller.arn())
					|| principal.equals(caller.accountId())
					|| principal.equals("arn:aws:iam::" + caller.accountId() + ":root")) {
				return Match.YES;
			}
		}
		return Match.NO;
	}

	private static boolean accountWide(IamStatement statement, IamCaller caller) {
		return statement.principals().stream().noneMatch(principal -> principal.equals("*")
				|| IamPatterns.resourceMatches(principal, caller.arn()));
	}

	/** Whether a statement applies: surely, not at all, or depending on what leakpath does not evaluate. */
	private enum Match {

		YES, MAYBE, NO;

		Match and(Match other) {
			return this == NO || other == NO ? NO : this == MAYBE || other == MAYBE ? MAYBE : YES;
		}

		Match or(Match other) {
			return this == YES || other == YES ? YES : this == MAYBE || other == MAYBE ? MAYBE : NO;
		}

		Match not() {
			return this == YES ? NO : this == NO ? YES : MAYBE;
		}

	}

	/** The strongest Allow and Deny that apply among a set of policies. */
	private static final class Tally {

		private Match allowed = Match.NO;

		private Match denied = Match.NO;

		void add(IamStatement statement, Match match) {
			if (statement.allow()) {
				allowed = allowed.or(match);
			}
			else {
				denied = denied.or(match);
			}
		}

	}

}
