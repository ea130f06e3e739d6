package dev.leakpath.identity.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A service account's own bindings ({@link GcpMemberBindings}) decide what all the scope's bindings decide, roles
 * in the same order, on random scopes: bindings to the account, to others, to everyone ({@code allUsers},
 * {@code allAuthenticatedUsers}), to groups and project roles, on the resource, its project, folder, organization
 * or elsewhere, conditional or not.
 */
class GcpMemberBindingsTests {

	private static final List<String> ACCOUNTS = List.of("a@p-project.iam.gserviceaccount.com",
			"b@p-project.iam.gserviceaccount.com", "c@other-project.iam.gserviceaccount.com");

	private static final List<String> ROLES = List.of("roles/owner", "roles/editor", "roles/viewer",
			"roles/storage.objectViewer", "roles/storage.objectCreator", "roles/storage.admin", "roles/cloudsql.client",
			"roles/cloudsql.admin", "roles/iam.securityAdmin", "roles/logging.logWriter");

	private static final List<GcpResource> RESOURCES = List.of(
			new GcpResource("//storage.googleapis.com/projects/_/buckets/b1", GcpIamEvaluation.BUCKET, "projects/1",
					List.of("folders/7"), "organizations/9"),
			new GcpResource("//storage.googleapis.com/projects/_/buckets/b2", GcpIamEvaluation.BUCKET, "projects/2",
					List.of(), "organizations/9"),
			new GcpResource("//sqladmin.googleapis.com/projects/p/instances/db", GcpIamEvaluation.SQL_INSTANCE,
					"projects/1", List.of("folders/8", "folders/7"), null));

	private static final List<String> HOLDERS = List.of("//storage.googleapis.com/projects/_/buckets/b1",
			"//storage.googleapis.com/projects/_/buckets/b2", "//sqladmin.googleapis.com/projects/p/instances/db",
			"projects/1", "projects/2", "folders/7", "folders/8", "organizations/9", "organizations/10");

	@Test
	void anAccountsOwnBindingsDecideWhatAllTheScopesBindingsDecide() {
		for (long seed = 1; seed <= 500; seed++) {
			Random random = new Random(seed);
			List<GcpBinding> bindings = new ArrayList<>();
			int count = random.nextInt(12);
			for (int i = 0; i < count; i++) {
				bindings.add(new GcpBinding(HOLDERS.get(random.nextInt(HOLDERS.size())),
						ROLES.get(random.nextInt(ROLES.size())), member(random), random.nextInt(4) == 0));
			}
			GcpMemberBindings byMember = new GcpMemberBindings(bindings);
			for (String account : ACCOUNTS) {
				List<GcpBinding> own = byMember.of(account);
				assertThat(GcpIamEvaluation.privileged(account, own)).as("seed %d", seed)
					.isEqualTo(GcpIamEvaluation.privileged(account, bindings));
				for (GcpResource resource : RESOURCES) {
					assertThat(GcpIamEvaluation.access(account, resource, own)).as("seed %d", seed)
						.isEqualTo(GcpIamEvaluation.access(account, resource, bindings));
				}
			}
		}
	}

	private static String member(Random random) {
		return switch (random.nextInt(7)) {
			case 0 -> "allUsers";
			case 1 -> "allAuthenticatedUsers";
			case 2 -> "group:ops@example.com";
			case 3 -> "projectOwner:p-project";
			default -> "serviceAccount:" + ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
		};
	}

}
