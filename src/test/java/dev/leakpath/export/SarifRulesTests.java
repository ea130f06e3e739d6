package dev.leakpath.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.leakpath.secrettype.SecretType;
import dev.leakpath.secrettype.SecretTypeCatalogue;

/** Rules named by the catalogue, with what code scanning asks of a rule. */
class SarifRulesTests {

	@ParameterizedTest
	@CsvSource({ "azure_storage_account_key, azure_storage_account_key", "AdoPat, AdoPat", "SEC101/102, SEC101_102",
			"Azure DevOps PAT, Azure_DevOps_PAT", "custom.pattern-1, custom.pattern-1" })
	void idThenNoSpaceNorSlash(String secretType, String id) {
		assertThat(SarifRules.id(secretType)).isEqualTo(id);
	}

	@Test
	void ruleThenDescriptionsTheRecommendationsStepsAsHelpAndTags() {
		SecretType type = new SecretTypeCatalogue().byId("azure_storage_account_key").orElseThrow();

		Map<String, Object> rule = SarifRules.rule(type, "azure_devops");

		assertThat(rule.get("id")).isEqualTo("azure_storage_account_key");
		assertThat(rule.get("name")).isEqualTo("AzureStorageAccountKey");
		assertThat(rule.get("shortDescription")).isEqualTo(Map.of("text", "Exposed Azure Storage account key."));
		assertThat(text(rule, "fullDescription")).startsWith("Azure DevOps secret scanning found a credential")
			.contains("to reach object storage");
		assertThat(text(rule, "help")).startsWith("To fix: Rotate the storage account key");
		assertThat(((Map<?, ?>) rule.get("help")).get("markdown").toString())
			.startsWith("## How to fix\n\n1. Rotate the storage account key").contains("\n4. Resolve each alert");
		assertThat(rule.get("properties")).isEqualTo(
				Map.of("tags", List.of("security", "secret", "external/cwe/cwe-798", "key", "object_storage")));
	}

	@Test
	void ruleWhenTheNameIsTheIdThenNoName() {
		Map<String, Object> rule = SarifRules.rule(new SecretType("AdoPat", "AdoPat", "other", "unknown", false), "github");

		assertThat(rule).doesNotContainKey("name");
		assertThat(text(rule, "help")).startsWith("To fix: Revoke");
		assertThat(rule.get("properties")).isEqualTo(Map.of("tags", List.of("security", "secret", "external/cwe/cwe-798",
				"other")));
	}

	private static String text(Map<String, Object> rule, String key) {
		return ((Map<?, ?>) rule.get(key)).get("text").toString();
	}

}
