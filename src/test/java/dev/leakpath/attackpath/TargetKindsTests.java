package dev.leakpath.attackpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;

/** The kinds paths are named after and the categories the explorer filters by say the same of every type. */
class TargetKindsTests extends IntegrationTest {

	@Test
	void everyListedTypeThenSQLsCategoryIsItsKinds() {
		for (TargetKind kind : TargetKinds.listed()) {
			for (String type : kind.resourceTypes()) {
				assertThat(postgres.rows("select resource_category('" + type + "')")).as(type)
					.containsExactly(kind.category());
			}
			for (String provider : List.of("github", "azure_devops")) {
				assertThat(AttackPathRules.byId(AttackPathRules.ruleId(provider, false, kind.id()))).as(kind.id())
					.isPresent();
			}
		}
		assertThat(postgres.rows("select resource_category('Microsoft.Web/sites')"))
			.containsExactly(TargetKinds.CLOUD_RESOURCE.category());
	}

}
