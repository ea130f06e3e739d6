package dev.leakpath.identity.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The evaluation on the examples of Google's IAM documentation: the policy of the {@code Policy} reference
 * (cloud.google.com/iam/docs/reference/rest/v1/Policy: a conditional binding "expirable access" and a
 * service account among the members), the resource hierarchy of "Policy inheritance"
 * (cloud.google.com/iam/docs/resource-hierarchy-access-control: organization, folder, project, and a bucket whose
 * project grants {@code roles/storage.objectViewer}), and "Making data public" (cloud.google.com/storage/docs/
 * access-control/making-data-public: {@code allUsers} with {@code roles/storage.objectViewer} on a bucket).
 */
class GcpIamEvaluationTests {

	private static final String ACCOUNT = "my-project-id@appspot.gserviceaccount.com";

	private static final String MEMBER = "serviceAccount:" + ACCOUNT;

	private static final GcpResource BUCKET = new GcpResource("//storage.googleapis.com/example-bucket",
			GcpIamEvaluation.BUCKET, "projects/123456789012", List.of("folders/456", "folders/789"),
			"organizations/111");

	private static final GcpResource OTHER_BUCKET = new GcpResource("//storage.googleapis.com/other-bucket",
			GcpIamEvaluation.BUCKET, "projects/999999999999", List.of(), "organizations/222");

	private static final GcpResource SQL = new GcpResource("//cloudsql.googleapis.com/projects/my-project-id/instances/orders",
			GcpIamEvaluation.SQL_INSTANCE, "projects/123456789012", List.of("folders/456"), "organizations/111");

	@Test
	void accessWhenTheProjectGrantsObjectViewerThenEveryBucketOfItIsReadableAndNotWritable() {
		List<GcpBinding> bindings = List.of(new GcpBinding("projects/123456789012", "roles/storage.objectViewer", MEMBER,
				false));

		GcpAccess access = GcpIamEvaluation.access(ACCOUNT, BUCKET, bindings);

		assertThat(access.read()).isEqualTo(GcpDecision.ALLOWED);
		assertThat(access.write()).isEqualTo(GcpDecision.NOT_ALLOWED);
		assertThat(access.roles()).containsExactly("roles/storage.objectViewer on projects/123456789012");
		assertThat(GcpIamEvaluation.access(ACCOUNT, OTHER_BUCKET, bindings).reaches()).isFalse();
	}

	@Test
	void accessWhenAFolderOrTheOrganizationGrantsEditorThenResourcesBelowAreWritable() {
		assertThat(GcpIamEvaluation.access(ACCOUNT, BUCKET,
				List.of(new GcpBinding("folders/789", "roles/editor", MEMBER, false))).write())
			.isEqualTo(GcpDecision.ALLOWED);
		assertThat(GcpIamEvaluation.access(ACCOUNT, SQL,
				List.of(new GcpBinding("organizations/111", "roles/owner", MEMBER, false))).write())
			.isEqualTo(GcpDecision.ALLOWED);
		assertThat(GcpIamEvaluation.access(ACCOUNT, SQL,
				List.of(new GcpBinding("folders/789", "roles/editor", MEMBER, false))).reaches())
			.as("a folder the instance is not in")
			.isFalse();
	}

	@Test
	void accessWhenTheRoleIsViewerOrOfAnotherServiceThenNoDataIsReachable() {
		List<GcpBinding> bindings = List.of(new GcpBinding("projects/123456789012", "roles/viewer", MEMBER, false),
				new GcpBinding("projects/123456789012", "roles/cloudsql.client", MEMBER, false),
				new GcpBinding("projects/123456789012", "roles/resourcemanager.organizationAdmin", MEMBER, false));

		assertThat(GcpIamEvaluation.access(ACCOUNT, BUCKET, bindings).reaches()).isFalse();
		assertThat(GcpIamEvaluation.access(ACCOUNT, SQL, bindings).read()).isEqualTo(GcpDecision.ALLOWED);
		assertThat(GcpIamEvaluation.access(ACCOUNT, SQL, bindings).write()).isEqualTo(GcpDecision.NOT_ALLOWED);
	}

	@Test
	void accessWhenTheOnlyGrantIsConditionalThenItIsAllowedIfConditionsHold() {
		// the Policy reference's "expirable access" binding, with a storage role
		List<GcpBinding> bindings = List.of(new GcpBinding(BUCKET.name(), "roles/storage.objectAdmin", MEMBER, true));

		GcpAccess access = GcpIamEvaluation.access(ACCOUNT, BUCKET, bindings);

		assertThat(access.read()).isEqualTo(GcpDecision.ALLOWED_IF_CONDITIONS_HOLD);
		assertThat(access.write()).isEqualTo(GcpDecision.ALLOWED_IF_CONDITIONS_HOLD);
		assertThat(access.roles()).containsExactly("roles/storage.objectAdmin on " + BUCKET.name() + " (conditional)");
	}

	@Test
	void accessWhenAnotherMemberHoldsTheRoleThenNothingIsReachable() {
		List<GcpBinding> bindings = List.of(
				new GcpBinding(BUCKET.name(), "roles/storage.admin", "user:mike@example.com", false),
				new GcpBinding(BUCKET.name(), "roles/storage.admin", "group:admins@example.com", false),
				new GcpBinding(BUCKET.name(), "roles/storage.admin", "serviceAccount:other@example.iam.gserviceaccount.com",
						false));

		assertThat(GcpIamEvaluation.access(ACCOUNT, BUCKET, bindings).reaches()).isFalse();
	}

	@Test
	void accessWhenAllUsersMayViewTheBucketThenEveryAccountReadsItAndItIsPublic() {
		List<GcpBinding> bindings = List.of(new GcpBinding(BUCKET.name(), "roles/storage.objectViewer", "allUsers", false));

		assertThat(GcpIamEvaluation.access(ACCOUNT, BUCKET, bindings).read()).isEqualTo(GcpDecision.ALLOWED);
		assertThat(GcpIamEvaluation.publiclyGranted(BUCKET, bindings)).isTrue();
		assertThat(GcpIamEvaluation.publiclyGranted(OTHER_BUCKET, bindings)).isFalse();
	}

	@Test
	void privilegedWhenOwnerEditorOrIamAdminOnAProjectUnconditionallyThenTrue() {
		assertThat(GcpIamEvaluation.privileged(ACCOUNT,
				List.of(new GcpBinding("projects/123456789012", "roles/owner", MEMBER, false)))).isTrue();
		assertThat(GcpIamEvaluation.privileged(ACCOUNT,
				List.of(new GcpBinding("projects/123456789012", "roles/owner", MEMBER, true)))).isFalse();
		assertThat(GcpIamEvaluation.privileged(ACCOUNT,
				List.of(new GcpBinding("projects/123456789012", "roles/editor", MEMBER, false)))).isTrue();
		assertThat(GcpIamEvaluation.privileged(ACCOUNT,
				List.of(new GcpBinding("projects/123456789012", "roles/iam.securityAdmin", MEMBER, false)))).isTrue();
		assertThat(GcpIamEvaluation.privileged(ACCOUNT,
				List.of(new GcpBinding("projects/123456789012", "roles/viewer", MEMBER, false)))).isFalse();
		assertThat(GcpIamEvaluation.privileged(ACCOUNT,
				List.of(new GcpBinding("projects/123456789012", "roles/owner", "user:mike@example.com", false))))
			.isFalse();
	}

}
