package dev.leakpath.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The providers' documented states and reasons (github-api.md §2, azure-devops-api.md §1 and §2). */
class AlertStatesTests {

	@Test
	void azureDevOpsWhenEveryDocumentedStateThenOpenOrResolvedWithItsReason() {
		assertThat(AlertStates.fromAzureDevOps("active")).isEqualTo("open");
		assertThat(AlertStates.fromAzureDevOps("fixed")).isEqualTo("resolved");
		assertThat(AlertStates.fromAzureDevOps("dismissed")).isEqualTo("resolved");
		assertThat(AlertStates.fromAzureDevOps("autoDismissed")).isEqualTo("resolved");
		assertThat(AlertStates.azureDevOpsResolution("fixed", null)).isEqualTo("fixed");
		assertThat(AlertStates.azureDevOpsResolution("autoDismissed", "toolUpgrade")).isEqualTo("auto_dismissed");
		assertThat(AlertStates.azureDevOpsResolution("dismissed", "acceptedRisk")).isEqualTo("accepted_risk");
		assertThat(AlertStates.azureDevOpsResolution("dismissed", "falsePositive")).isEqualTo("false_positive");
		assertThat(AlertStates.azureDevOpsResolution("dismissed", "agreedToGuidance")).isEqualTo("agreed_to_guidance");
		assertThat(AlertStates.azureDevOpsResolution("active", null)).isNull();
	}

	@Test
	void whenAStateNobodyDocumentedThenOpenSoThatNoAlertIsHidden() {
		assertThat(AlertStates.fromAzureDevOps("unknown")).isEqualTo("open");
		assertThat(AlertStates.fromAzureDevOps("quarantined")).isEqualTo("open");
		assertThat(AlertStates.fromGitHub("weird")).isEqualTo("open");
		assertThat(AlertStates.gitHubResolution("weird", "false_positive")).isNull();
	}

	@Test
	void gitHubWhenEveryDocumentedResolutionThenTheSameWord() {
		for (String resolution : new String[] { "false_positive", "wont_fix", "revoked", "used_in_tests",
				"pattern_edited", "pattern_deleted" }) {
			assertThat(AlertStates.gitHubResolution("resolved", resolution)).isEqualTo(resolution);
		}
		assertThat(AlertStates.RESOLUTIONS).contains("false_positive", "accepted_risk", "auto_dismissed", "other");
	}

}
