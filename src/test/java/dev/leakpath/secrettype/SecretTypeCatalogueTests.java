package dev.leakpath.secrettype;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The shipped catalogue against the providers' names: GitHub's slugs (github-api.md §7) and Azure DevOps's rule
 * names and SEC101 ids (azure-devops-api.md §7).
 */
class SecretTypeCatalogueTests {

	private final SecretTypeCatalogue catalogue = new SecretTypeCatalogue();

	@Test
	void classifyWhenBothProvidersNamesOfOneCredentialThenOneType() {
		assertThat(id("github", "azure_devops_personal_access_token", null)).isEqualTo(id("azure_devops", "AdoPat", "SEC101/102"));
		assertThat(id("github", "azure_storage_account_key", null))
			.isEqualTo(id("azure_devops", "AzureStorageAccountIdentifiableKey", "SEC101/152"))
			.isEqualTo(id("azure_devops", "AzureStorageAccountLegacyCredentials", "SEC101/106"))
			.isEqualTo("azure_storage_account_key");
		assertThat(id("github", "postgres_connection_string", null)).isEqualTo(id("azure_devops", "PostgreSqlCredentials", null));
	}

	@Test
	void classifyWhenOnlyTheRuleIdIsKnownThenTheRuleDecides() {
		assertThat(id("azure_devops", "SomeRenamedRule", "SEC101/152")).isEqualTo("azure_storage_account_key");
		assertThat(id("azure_devops", "adopat", null)).isEqualTo("azure_devops_personal_access_token");
	}

	@Test
	void classifyWhenNoEntryNamesTheTypeThenTheProvidersWordWithCategoryOther() {
		SecretType type = catalogue.classify("github", "acme_internal_token", null, "ACME internal token");

		assertThat(type).isEqualTo(new SecretType("acme_internal_token", "ACME internal token", "other", "unknown", false));
		// a GitHub slug is not an Azure DevOps rule name
		assertThat(catalogue.classify("azure_devops", "azure_sas_token", null, null).mapped()).isFalse();
	}

	@Test
	void classifyWhenGenericPatternsThenTheCategoriesAttackPathsNeed() {
		for (String key : List.of("rsa_private_key", "openssh_private_key", "ec_private_key", "generic_private_key")) {
			assertThat(catalogue.classify("github", key, null, null).category()).as(key).isEqualTo("private_key");
		}
		for (String connection : List.of("postgres_connection_string", "mysql_connection_string", "mysql_connection_url",
				"mongodb_connection_string")) {
			SecretType type = catalogue.classify("github", connection, null, null);
			assertThat(type.category()).as(connection).isEqualTo("connection_string");
			assertThat(type.target()).as(connection).isEqualTo("managed_database");
		}
		assertThat(catalogue.classify("github", "password", null, null).category()).isEqualTo("password");
	}

	@Test
	void idOfWhenAProviderNameThenItsCatalogueIdAndAnUnknownNameUnchanged() {
		assertThat(catalogue.idOf("AdoPat")).isEqualTo("azure_devops_personal_access_token");
		assertThat(catalogue.idOf("azure_sas_token")).isEqualTo("azure_sas_token");
		assertThat(catalogue.idOf("nothing_we_know")).isEqualTo("nothing_we_know");
	}

	private String id(String provider, String type, String ruleId) {
		SecretType found = catalogue.classify(provider, type, ruleId, null);
		assertThat(found.mapped()).as(provider + " " + type).isTrue();
		return found.id();
	}

}
