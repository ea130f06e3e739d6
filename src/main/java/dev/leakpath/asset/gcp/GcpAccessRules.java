package dev.leakpath.asset.gcp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.leakpath.identity.IdentityChanges;
import dev.leakpath.identity.gcp.GcpAccess;
import dev.leakpath.identity.gcp.GcpBinding;
import dev.leakpath.identity.gcp.GcpDecision;
import dev.leakpath.identity.gcp.GcpIamEvaluation;
import dev.leakpath.identity.gcp.GcpMemberBindings;
import dev.leakpath.identity.gcp.GcpResource;

/**
 * What each service account of a scope may do to each of its inventoried resources, decided by
 * {@link GcpIamEvaluation} over the scope's IAM bindings. When the scope's IAM policies could not be read, every
 * account is assumed to reach every resource, as {@code admin}: the evaluation fails towards reach. A privileged
 * account ({@link GcpIamEvaluation#privileged}) has {@code admin} access to what it reaches.
 */
final class GcpAccessRules {

	/** A user-managed service account's email names its project ({@code NAME@PROJECT_ID.iam.gserviceaccount.com}). */
	private static final Pattern PROJECT_OF_EMAIL = Pattern.compile("@([a-z][a-z0-9-]{4,28}[a-z0-9])\\.iam\\.gserviceaccount\\.com$");

	private GcpAccessRules() {
	}

	/** @param project the account's {@code projects/NUMBER} as CAI gives it, or null */
	record Account(String email, String project) {
	}

	record Resource(long assetId, GcpResource resource) {
	}

	/** @param projectId the project id of its email, else the {@code projects/NUMBER} it lives in */
	record Identity(String email, String projectId, boolean privileged, boolean policyKnown)
			implements IdentityChanges.Identity {

		@Override
		public String providerId() {
			return email;
		}

	}

	record Access(String email, long assetId, String level, boolean assumed, String reason)
			implements IdentityChanges.Access {

		@Override
		public String providerId() {
			return email;
		}

	}

	record Evaluated(List<Identity> identities, List<Access> access) {
	}

	/**
	 * @param bindings the scope's bindings, or null when its IAM policies could not be read
	 */
	static Evaluated evaluate(String scope, List<Account> accounts, List<Resource> resources, List<GcpBinding> bindings) {
		boolean policiesKnown = bindings != null;
		List<Identity> identities = new ArrayList<>();
		List<Access> access = new ArrayList<>();
		// each account against the bindings that may name it: accounts times bindings was the scope's cost
		GcpMemberBindings byMember = policiesKnown ? new GcpMemberBindings(bindings) : null;
		for (Account account : accounts) {
			List<GcpBinding> own = policiesKnown ? byMember.of(account.email()) : List.of();
			boolean privileged = policiesKnown && GcpIamEvaluation.privileged(account.email(), own);
			identities.add(new Identity(account.email(), projectId(account, scope), privileged, policiesKnown));
			for (Resource resource : resources) {
				if (!policiesKnown) {
					access.add(new Access(account.email(), resource.assetId(), "admin", true,
							"assumed: the IAM policies of " + scope + " could not be read"));
					continue;
				}
				GcpAccess granted = GcpIamEvaluation.access(account.email(), resource.resource(), own);
				if (granted.reaches()) {
					String level = privileged ? "admin" : granted.write().mayAllow() ? "write" : "read";
					access.add(new Access(account.email(), resource.assetId(), level, false, reason(granted)));
				}
			}
		}
		return new Evaluated(identities, access);
	}

	private static String projectId(Account account, String scope) {
		Matcher matcher = PROJECT_OF_EMAIL.matcher(account.email());
		if (matcher.find()) {
			return matcher.group(1);
		}
		return account.project() != null ? account.project() : scope;
	}

	private static String reason(GcpAccess access) {
		return "read " + describe(access.read()) + ", write " + describe(access.write()) + " by "
				+ String.join(", ", access.roles());
	}

	private static String describe(GcpDecision decision) {
		return switch (decision) {
			case ALLOWED -> "allowed";
			case ALLOWED_IF_CONDITIONS_HOLD -> "allowed if the bindings' conditions hold";
			case NOT_ALLOWED -> "not allowed";
		};
	}

}
