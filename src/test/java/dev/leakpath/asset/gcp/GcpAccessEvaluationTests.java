package dev.leakpath.asset.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A scope's evaluation writes what changed since its last one: unchanged rows stay as they were, and a service
 * account another scope evaluated before (its row moved to the scope that read it last, as with a project read on
 * its own and again under its folder) has its access replaced by this scope's, not added to. The inventory
 * tables are filled as GcpInventory leaves them.
 */
class GcpAccessEvaluationTests extends IntegrationTest {

	private static final String EMAIL = "etl-runner@leakpath-test.iam.gserviceaccount.com";

	@Autowired
	private GcpAccessEvaluation evaluation;

	@BeforeEach
	void twoScopesWithABucketEach() {
		for (String bucket : new String[] { "exports", "reports" }) {
			String name = "//storage.googleapis.com/" + bucket;
			String scope = bucket.equals("exports") ? "projects/leakpath-test" : "folders/42";
			postgres.execute("insert into gcp_resource (name, scope, asset_type, project, folders, organization) values ('"
					+ name + "', '" + scope + "', 'storage.googleapis.com/Bucket', 'projects/123', '{folders/42}', null)");
			postgres.execute("insert into asset (cloud, resource_type, provider_id, name, source) values ('gcp', "
					+ "'storage.googleapis.com/Bucket', '" + name + "', '" + bucket + "', 'gcp:" + scope + "')");
			postgres.execute("insert into gcp_iam_binding (scope, resource, asset_type, role, member, conditional) values ('"
					+ scope + "', '" + name + "', 'storage.googleapis.com/Bucket', 'roles/storage.objectViewer', "
					+ "'serviceAccount:" + EMAIL + "', false)");
		}
		postgres.execute("insert into gcp_service_account (email, scope, name, project, unique_id, disabled) values ('"
				+ EMAIL + "', 'projects/leakpath-test', 'projects/leakpath-test/serviceAccounts/" + EMAIL
				+ "', 'projects/123', '104928375610293847561', false)");
	}

	@Test
	void evaluatedAgainUnchangedThenItsRowsAreNotRewritten() {
		evaluation.evaluateScope("projects/leakpath-test", true).block();
		String before = postgres.rows("select xmin from identity_access").toString();

		evaluation.evaluateScope("projects/leakpath-test", true).block();

		assertThat(postgres.rows("select xmin from identity_access").toString()).isEqualTo(before);
		assertThat(postgres.rows("select t.name from identity_access a join asset t on t.id = a.asset_id"))
			.containsExactly("exports");
	}

	@Test
	void serviceAccountReadByAnotherScopeThenItsAccessIsThatScopesAlone() {
		evaluation.evaluateScope("projects/leakpath-test", true).block();
		postgres.execute("update gcp_service_account set scope = 'folders/42'");

		evaluation.evaluateScope("folders/42", true).block();

		assertThat(postgres.rows("select i.source || ' ' || t.name from identity_access a join identity i on i.id = "
				+ "a.identity_id join asset t on t.id = a.asset_id")).containsExactly("gcp:folders/42:iam reports");
	}

}
