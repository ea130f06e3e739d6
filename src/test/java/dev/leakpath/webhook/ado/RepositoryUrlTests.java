package dev.leakpath.webhook.ado;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepositoryUrlTests {

	@Test
	void parseWhenDevAzureComThenOrganisationProjectAndRepository() {
		assertThat(RepositoryUrl.parse("https://dev.azure.com/contoso/Payments%20Team/_git/payments-api"))
			.contains(new RepositoryUrl("contoso", "Payments Team", "payments-api"));
	}

	@Test
	void parseWhenVisualStudioComThenOrganisationFromTheHost() {
		assertThat(RepositoryUrl.parse("https://Contoso.visualstudio.com/DefaultCollection/Payments/_git/api"))
			.contains(new RepositoryUrl("contoso", "Payments", "api"));
		assertThat(RepositoryUrl.parse("https://contoso.visualstudio.com/Payments/_git/api"))
			.contains(new RepositoryUrl("contoso", "Payments", "api"));
	}

	@Test
	void parseWhenNotAGitRepositoryUrlThenEmpty() {
		assertThat(RepositoryUrl.parse("https://dev.azure.com/contoso/Payments")).isEmpty();
		assertThat(RepositoryUrl.parse("https://dev.azure.com/Payments/_git")).isEmpty();
		assertThat(RepositoryUrl.parse("https://dev.azure.com/_git/api")).isEmpty();
		assertThat(RepositoryUrl.parse("not a url at all")).isEmpty();
	}

}
