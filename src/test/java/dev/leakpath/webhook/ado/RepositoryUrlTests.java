package dev.leakpath.webhook.ado;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The repository URL forms Azure DevOps writes. Sources:
 * <ul>
 * <li>MicrosoftDocs/vsts-rest-api-specs {@code specification/git/7.1/httpExamples/repositories/GET__git_repositories.json}:
 * {@code remoteUrl} {@code https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_git/AnotherRepository}, and the short
 * {@code https://dev.azure.com/fabrikam/_git/Fabrikam-Fiber-Git} of the repository named like its project
 * ({@code project.name} Fabrikam-Fiber-Git).</li>
 * <li>MicrosoftDocs/azure-devops-docs {@code docs/project/wiki/restore-deleted-wiki.md}: {@code remoteUrl}
 * {@code https://fabrikam@dev.azure.com/fabrikam/classicreleaseoption/_git/classicreleaseoption.wiki} (user info).</li>
 * <li>MicrosoftDocs/azure-devops-docs {@code docs/project/wiki/wiki-update-offline.md}:
 * {@code https://AccountName.visualstudio.com/DefaultCollection/ProjectName/_git/ProjectName.wiki}; MicrosoftDocs/azure-docs,
 * Azure Machine Learning's {@code using-git-ml-project.md}: {@code https://<vsts_account_name>.visualstudio.com/_git/<project_name>}.</li>
 * <li>microsoft/GHAzDO-Resources {@code src/api-docs/SecretAlert.json} (a live alert, see
 * /work/shared/reference/azure-devops-api.md §2): {@code repositoryUrl} by GUIDs, {@code itemUrl} on
 * {@code https://dev.azure.com:443/…}.</li>
 * <li>MicrosoftDocs/azure-devops-docs {@code docs/service-hooks/events.md}, build.complete sample: URLs
 * {@code https://dev.azure.com/fabrikam-fiber-inc/DefaultCollection/…} (a collection segment after the organisation).</li>
 * </ul>
 */
class RepositoryUrlTests {

	@ParameterizedTest
	@CsvSource(delimiterString = "->", value = {
			"https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_git/AnotherRepository -> fabrikam|Fabrikam-Fiber-Git|AnotherRepository",
			"https://dev.azure.com/octodemo-felickz/6a81438c-b480-4b66-8261-2ce43b3446d5/_git/bc659709-06b1-4e1c-9818-fdfcc2c67c29"
					+ " -> octodemo-felickz|6a81438c-b480-4b66-8261-2ce43b3446d5|bc659709-06b1-4e1c-9818-fdfcc2c67c29",
			"https://dev.azure.com/contoso/Payments%20Team/_git/payments%20api -> contoso|Payments Team|payments api",
			"https://dev.azure.com/contoso/C%2B%2B%20Tools/_git/a+b -> contoso|C++ Tools|a+b",
			"https://dev.azure.com/fabrikam/_git/Fabrikam-Fiber-Git -> fabrikam|Fabrikam-Fiber-Git|Fabrikam-Fiber-Git",
			"https://fabrikam@dev.azure.com/fabrikam/classicreleaseoption/_git/classicreleaseoption.wiki"
					+ " -> fabrikam|classicreleaseoption|classicreleaseoption.wiki",
			"https://dev.azure.com:443/contoso/Payments/_git/api -> contoso|Payments|api",
			"https://contoso@dev.azure.com:443/contoso/_git/Payments -> contoso|Payments|Payments",
			"https://contoso.visualstudio.com/Payments/_git/api -> contoso|Payments|api",
			"https://Contoso.visualstudio.com/_git/Payments -> contoso|Payments|Payments",
			"https://contoso.visualstudio.com/DefaultCollection/Payments/_git/api -> contoso|Payments|api",
			"https://contoso.visualstudio.com/defaultcollection/_git/Payments -> contoso|Payments|Payments",
			"https://contoso.visualstudio.com/DefaultCollection/Payments/_git/Payments.wiki -> contoso|Payments|Payments.wiki",
			"https://dev.azure.com/fabrikam-fiber-inc/DefaultCollection/Fabrikam/_git/web -> fabrikam-fiber-inc|Fabrikam|web",
			"https://dev.azure.com/contoso/DefaultCollection/_git/api -> contoso|DefaultCollection|api",
			"https://dev.azure.com/contoso/Payments/_git/api?path=%2F.env&version=GCabc -> contoso|Payments|api",
			"https://dev.azure.com/contoso/Payments/_git/api/pullrequest/17 -> contoso|Payments|api" })
	void parseWhenAFormAzureDevOpsWritesThenOrganisationProjectAndRepository(String url, String expected) {
		String[] parts = expected.split("\\|");

		assertThat(RepositoryUrl.parse(url)).contains(new RepositoryUrl(parts[0], parts[1], parts[2]));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://dev.azure.com/contoso/Payments", "https://dev.azure.com/contoso/Payments/_git",
			"https://dev.azure.com/_git/api", "https://dev.azure.com/contoso/Payments/extra/_git/api",
			"https://contoso.visualstudio.com/DefaultCollection/Payments/extra/_git/api",
			"https://git.example.com/contoso/Payments/_git/api", "https://a.contoso.visualstudio.com/Payments/_git/api",
			"http://dev.azure.com/contoso/Payments/_git/api", "not a url at all", "" })
	void parseWhenNotAnAzureReposUrlThenEmpty(String url) {
		assertThat(RepositoryUrl.parse(url)).isEmpty();
	}

	/** Real service-hook envelopes carry {@code resourceContainers.*.baseUrl}, such as {@code https://dev.azure.com/fabrikam/}. */
	@ParameterizedTest
	@CsvSource({ "https://dev.azure.com/fabrikam/, fabrikam", "https://dev.azure.com/fabrikam, fabrikam",
			"https://fabrikam.visualstudio.com/, fabrikam", "https://Fabrikam.visualstudio.com/DefaultCollection/, fabrikam" })
	void organizationOfWhenACollectionUrlThenItsOrganisation(String url, String organization) {
		assertThat(RepositoryUrl.organizationOf(url)).contains(organization);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://dev.azure.com/", "https://example.com/fabrikam/", "nonsense" })
	void organizationOfWhenNotACollectionUrlThenEmpty(String url) {
		assertThat(RepositoryUrl.organizationOf(url)).isEmpty();
	}

}
