package dev.leakpath.asset.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What an account's new evaluation writes, and whose keys' paths it re-evaluates, against what was stored. */
class AwsAccessChangesTests {

	private static final String ALICE = "arn:aws:iam::123456789012:user/alice";

	private static final String BOB = "arn:aws:iam::123456789012:user/bob";

	private static final AwsAccessRules.Identity ALICE_USER = new AwsAccessRules.Identity(ALICE, "alice", false, true);

	private static final AwsAccessRules.Identity BOB_USER = new AwsAccessRules.Identity(BOB, "bob", false, true);

	private static final AwsAccessChanges.Credential ALICE_KEY = new AwsAccessChanges.Credential("sha256:a1", ALICE,
			"Active");

	private static final AwsAccessChanges.Credential BOB_KEY = new AwsAccessChanges.Credential("sha256:b1", BOB,
			"Active");

	private static final AwsAccessRules.Access ALICE_READS_1 = new AwsAccessRules.Access(ALICE, 1, "read", false,
			"read allowed, write not allowed by app (user)");

	private static final AwsAccessRules.Access BOB_READS_1 = new AwsAccessRules.Access(BOB, 1, "read", false,
			"read allowed, write not allowed by app (user)");

	private static final AwsAccessChanges.Stored STORED = new AwsAccessChanges.Stored(List.of(ALICE_USER, BOB_USER),
			List.of(ALICE_KEY, BOB_KEY), List.of(ALICE_READS_1, BOB_READS_1));

	@Test
	void nothingChangedThenNothingIsWrittenAndNoPathReEvaluated() {
		AwsAccessChanges changes = AwsAccessChanges.between(STORED,
				new AwsAccessRules.Evaluated(List.of(ALICE_USER, BOB_USER), List.of(ALICE_READS_1, BOB_READS_1)),
				List.of(ALICE_KEY, BOB_KEY));

		assertThat(changes.identities()).isEmpty();
		assertThat(changes.credentials()).isEmpty();
		assertThat(changes.credentialsGone()).isEmpty();
		assertThat(changes.access()).isEmpty();
		assertThat(changes.accessGone()).isEmpty();
		assertThat(changes.fingerprints()).isEmpty();
	}

	@Test
	void oneUsersAccessChangedThenOnlyItsRowsAndItsKeys() {
		AwsAccessRules.Access aliceWrites1 = new AwsAccessRules.Access(ALICE, 1, "write", false, "write by app (user)");
		AwsAccessRules.Access aliceReads2 = new AwsAccessRules.Access(ALICE, 2, "read", false, "read by app (user)");

		AwsAccessChanges changes = AwsAccessChanges.between(STORED,
				new AwsAccessRules.Evaluated(List.of(ALICE_USER, BOB_USER), List.of(aliceWrites1, aliceReads2, BOB_READS_1)),
				List.of(ALICE_KEY, BOB_KEY));

		assertThat(changes.identities()).isEmpty();
		assertThat(changes.access()).containsExactly(aliceWrites1, aliceReads2);
		assertThat(changes.accessGone()).isEmpty();
		assertThat(changes.fingerprints()).containsExactly("sha256:a1");
	}

	@Test
	void accessLostAndAUserGoneThenTheirRowsGoAndTheirKeysAreReEvaluated() {
		AwsAccessChanges changes = AwsAccessChanges.between(STORED,
				new AwsAccessRules.Evaluated(List.of(ALICE_USER), List.of()), List.of(ALICE_KEY));

		assertThat(changes.accessGone()).containsExactlyInAnyOrder(ALICE_READS_1, BOB_READS_1);
		assertThat(changes.credentialsGone()).containsExactly("sha256:b1");
		assertThat(changes.fingerprints()).containsExactlyInAnyOrder("sha256:a1", "sha256:b1");
	}

	@Test
	void privilegeOrAKeysStatusChangedThenThatUsersKeysAreReEvaluated() {
		AwsAccessRules.Identity privilegedBob = new AwsAccessRules.Identity(BOB, "bob", true, true);
		AwsAccessChanges.Credential inactiveAlice = new AwsAccessChanges.Credential("sha256:a1", ALICE, "Inactive");
		AwsAccessChanges.Credential newBobKey = new AwsAccessChanges.Credential("sha256:b2", BOB, "Active");

		AwsAccessChanges changes = AwsAccessChanges.between(STORED,
				new AwsAccessRules.Evaluated(List.of(ALICE_USER, privilegedBob), List.of(ALICE_READS_1, BOB_READS_1)),
				List.of(inactiveAlice, BOB_KEY, newBobKey));

		assertThat(changes.identities()).containsExactly(privilegedBob);
		assertThat(changes.credentials()).containsExactly(inactiveAlice, newBobKey);
		assertThat(changes.fingerprints()).containsExactlyInAnyOrder("sha256:a1", "sha256:b1", "sha256:b2");
	}

}
