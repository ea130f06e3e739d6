package dev.leakpath.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.AlertChange;

class TriageOrderTests {

	@Test
	void resolveWhenTheResolutionSaysTheSecretWasDealtWithThenItClosesTheAlert() {
		TriageOrder order = new TriageOrder(TriageAction.RESOLVE, "revoked", "  rotated  ", null);

		assertThat(order.change()).isEqualTo(new AlertChange(AlertChange.Kind.CLOSE, "revoked", "rotated", null));
		assertThat(order.targetState()).isEqualTo("resolved");
	}

	@Test
	void resolveWhenTheResolutionIsADismissalThenRefusedNamingTheResolutionsItTakes() {
		assertThatThrownBy(() -> new TriageOrder(TriageAction.RESOLVE, "false_positive", null, null))
			.isInstanceOf(InvalidTriageException.class)
			.hasMessage("resolve needs a resolution, one of [fixed, revoked]");
		assertThatThrownBy(() -> new TriageOrder(TriageAction.DISMISS, null, null, null))
			.hasMessage("dismiss needs a resolution, one of [accepted_risk, false_positive, used_in_tests, wont_fix]");
	}

	@Test
	void reopenWhenGivenAResolutionOrAssigneeThenRefused() {
		assertThatThrownBy(() -> new TriageOrder(TriageAction.REOPEN, "revoked", null, null))
			.hasMessage("reopen takes no resolution");
		assertThatThrownBy(() -> new TriageOrder(TriageAction.REOPEN, null, null, "octocat"))
			.hasMessage("reopen takes no assignee");
		assertThat(new TriageOrder(TriageAction.REOPEN, null, "back in the config", null).change())
			.isEqualTo(new AlertChange(AlertChange.Kind.REOPEN, null, "back in the config", null));
	}

	@Test
	void assignWhenTheAssigneeIsMissingOrHasSpacesThenRefused() {
		assertThatThrownBy(() -> new TriageOrder(TriageAction.ASSIGN, null, null, " "))
			.hasMessageStartingWith("assign needs an assignee");
		assertThatThrownBy(() -> new TriageOrder(TriageAction.ASSIGN, null, null, "mona lisa"))
			.hasMessageStartingWith("assign needs an assignee");
		assertThatThrownBy(() -> new TriageOrder(TriageAction.ASSIGN, null, "why", "octocat"))
			.hasMessage("assign takes no comment");
		assertThat(new TriageOrder(TriageAction.ASSIGN, null, null, "octocat").targetState()).isNull();
	}

	@Test
	void commentWhenLongerThanGitHubTakesThenRefused() {
		assertThatThrownBy(() -> new TriageOrder(TriageAction.DISMISS, "used_in_tests", "x".repeat(281), null))
			.hasMessage("comment must be at most 280 characters");
		assertThat(new TriageOrder(TriageAction.DISMISS, "used_in_tests", "x".repeat(280), null).comment()).hasSize(280);
	}

	@Test
	void actionWhenNotOneOfTheFiveThenRefused() {
		assertThatThrownBy(() -> TriageAction.of("close")).hasMessage("action must be one of assign, resolve, dismiss, reopen, revoke");
		assertThatThrownBy(() -> new TriageOrder(null, null, null, null)).hasMessageStartingWith("action is required");
	}

}
