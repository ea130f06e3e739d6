package dev.leakpath.identity.gcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A documented subset of Google Cloud IAM ("IAM overview", "Policy inheritance", "Understanding roles"): a
 * binding grants its role to its members on the resource it is set on and on every resource below it, so a
 * resource is reachable through a binding on itself, its project, any of its folders or its organization
 * (policies are unions: nothing set lower takes a grant away).
 *
 * <p>Roles known, and what they give:
 * <ul>
 * <li>basic roles, on any resource type: {@code roles/owner} and {@code roles/editor} read and write,
 * {@code roles/viewer} reads only Cloud SQL metadata and bucket listings, which this counts as no data access;</li>
 * <li>on buckets ("IAM roles for Cloud Storage"): {@code roles/storage.objectViewer} and
 * {@code roles/storage.legacyObjectReader} read, {@code roles/storage.objectCreator} writes,
 * {@code roles/storage.objectUser}, {@code roles/storage.objectAdmin} and {@code roles/storage.admin} both;</li>
 * <li>on Cloud SQL instances ("Cloud SQL IAM roles"): {@code roles/cloudsql.client} and
 * {@code roles/cloudsql.instanceUser} read (they connect), {@code roles/cloudsql.editor} and
 * {@code roles/cloudsql.admin} read (export) and write.</li>
 * </ul>
 * Members that count for a service account: {@code serviceAccount:EMAIL}, {@code allUsers} and
 * {@code allAuthenticatedUsers}. Not evaluated: IAM conditions (a conditional grant is
 * {@link GcpDecision#ALLOWED_IF_CONDITIONS_HOLD}), deny policies, principal access boundaries, groups and domains
 * (their membership is not read), custom roles, impersonation of other service accounts, and the organization
 * policies and VPC Service Controls that may block a granted call. The answer can say more is reachable than
 * is (deny policies), or less (groups, custom roles).
 */
public final class GcpIamEvaluation {

	static final String BUCKET = "storage.googleapis.com/Bucket";

	static final String SQL_INSTANCE = "sqladmin.googleapis.com/Instance";

	private static final Map<String, Grant> BASIC = Map.of("roles/owner", Grant.READ_WRITE, "roles/editor",
			Grant.READ_WRITE);

	private static final Map<String, Map<String, Grant>> BY_TYPE = Map.of(BUCKET,
			Map.of("roles/storage.objectViewer", Grant.READ, "roles/storage.legacyObjectReader", Grant.READ,
					"roles/storage.objectCreator", Grant.WRITE, "roles/storage.objectUser", Grant.READ_WRITE,
					"roles/storage.objectAdmin", Grant.READ_WRITE, "roles/storage.admin", Grant.READ_WRITE),
			SQL_INSTANCE, Map.of("roles/cloudsql.client", Grant.READ, "roles/cloudsql.instanceUser", Grant.READ,
					"roles/cloudsql.editor", Grant.READ_WRITE, "roles/cloudsql.admin", Grant.READ_WRITE));

	private static final Set<String> PRIVILEGED = Set.of("roles/owner", "roles/editor", "roles/iam.securityAdmin",
			"roles/resourcemanager.projectIamAdmin", "roles/resourcemanager.folderIamAdmin",
			"roles/resourcemanager.organizationAdmin");

	static final Set<String> EVERYONE = Set.of("allUsers", "allAuthenticatedUsers");

	private GcpIamEvaluation() {
	}

	/**
	 * @param serviceAccountEmail the account a leaked key signs in as
	 * @param resource the resource and its ancestry
	 * @param bindings the bindings of the policies on the resource and its ancestors (others are ignored)
	 */
	public static GcpAccess access(String serviceAccountEmail, GcpResource resource, List<GcpBinding> bindings) {
		List<String> holders = resource.policyHolders();
		GcpDecision read = GcpDecision.NOT_ALLOWED;
		GcpDecision write = GcpDecision.NOT_ALLOWED;
		List<String> roles = new ArrayList<>();
		for (GcpBinding binding : bindings) {
			if (!holders.contains(binding.resource()) || !isMember(binding.member(), serviceAccountEmail)) {
				continue;
			}
			Grant grant = grant(binding.role(), resource.assetType());
			if (grant == null) {
				continue;
			}
			GcpDecision granted = binding.conditional() ? GcpDecision.ALLOWED_IF_CONDITIONS_HOLD : GcpDecision.ALLOWED;
			if (grant.read) {
				read = read.or(granted);
			}
			if (grant.write) {
				write = write.or(granted);
			}
			roles.add(binding.role() + " on " + binding.resource() + (binding.conditional() ? " (conditional)" : ""));
		}
		return new GcpAccess(read, write, roles);
	}

	/**
	 * Whether the account holds, unconditionally on a project, folder or organization, {@code roles/owner} or
	 * {@code roles/editor} (which change nearly every resource there), or a role that sets the container's IAM
	 * policy ({@code roles/iam.securityAdmin}, {@code roles/resourcemanager.projectIamAdmin},
	 * {@code roles/resourcemanager.folderIamAdmin}, {@code roles/resourcemanager.organizationAdmin}), by which it
	 * may grant itself anything there ("IAM basic and predefined roles reference").
	 */
	public static boolean privileged(String serviceAccountEmail, List<GcpBinding> bindings) {
		return bindings.stream()
			.anyMatch(binding -> PRIVILEGED.contains(binding.role()) && !binding.conditional()
					&& binding.member().equals("serviceAccount:" + serviceAccountEmail)
					&& (binding.resource().startsWith("projects/") || binding.resource().startsWith("folders/")
							|| binding.resource().startsWith("organizations/")));
	}

	/** Whether a binding on the resource gives a role to everyone on the internet ({@code allUsers}, ...). */
	public static boolean publiclyGranted(GcpResource resource, List<GcpBinding> bindings) {
		return bindings.stream().anyMatch(binding -> binding.resource().equals(resource.name())
				&& EVERYONE.contains(binding.member()));
	}

	private static boolean isMember(String member, String serviceAccountEmail) {
		return EVERYONE.contains(member) || member.equals("serviceAccount:" + serviceAccountEmail);
	}

	private static Grant grant(String role, String assetType) {
		Grant basic = BASIC.get(role);
		return basic != null ? basic : BY_TYPE.getOrDefault(assetType, Map.of()).get(role);
	}

	private enum Grant {

		READ(true, false), WRITE(false, true), READ_WRITE(true, true);

		private final boolean read;

		private final boolean write;

		Grant(boolean read, boolean write) {
			this.read = read;
			this.write = write;
		}

	}

}
