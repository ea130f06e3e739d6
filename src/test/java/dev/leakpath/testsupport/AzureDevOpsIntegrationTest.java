package dev.leakpath.testsupport;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link IntegrationTest} with Azure DevOps, not GitHub, configured: the organisation of {@link FakeAzureDevOps}. */
public abstract class AzureDevOpsIntegrationTest extends IntegrationTest {

	protected static final String PAT = "ado-test-pat-0123456789";

	protected final FakeAzureDevOps ado = new FakeAzureDevOps(github.server());

	@DynamicPropertySource
	static void azureDevOps(DynamicPropertyRegistry registry) {
		registry.add("leakpath.github.organizations", () -> "");
		registry.add("leakpath.azure-devops.organizations", () -> FakeAzureDevOps.ORG);
		registry.add("leakpath.azure-devops.pat", () -> PAT);
		registry.add("leakpath.azure-devops.api-url", github::baseUrl);
		registry.add("leakpath.azure-devops.advsec-url", github::baseUrl);
		registry.add("leakpath.azure-devops.page-size", () -> "2");
		registry.add("leakpath.azure-devops.retry.initial-backoff", () -> "PT0.01S");
		registry.add("leakpath.azure-devops.retry.max-backoff", () -> "PT0.05S");
		registry.add("leakpath.azure-devops.retry.max-attempts", () -> "4");
	}

	@BeforeEach
	void organization() {
		ado.organization();
	}

}
