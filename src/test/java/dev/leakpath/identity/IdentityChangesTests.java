package dev.leakpath.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What a scope's new evaluation writes, and whose keys' paths it re-evaluates, against what was stored. */
class IdentityChangesTests {

	record User(String providerId, String name, boolean privileged) implements IdentityChanges.Identity {
	}

	record Grant(String providerId, long assetId, String level, String reason) implements IdentityChanges.Access {
	}

	private static final String ALICE = "arn:aws:iam::123456789012:user/alice";

	private static final String BOB = "arn:aws:iam::123456789012:user/bob";

	private static final User ALICE_USER = new User(ALICE, "alice", false);

	private static final User BOB_USER = new User(BOB, "bob", false);

	private static final IdentityChanges.Credential ALICE_KEY = new IdentityChanges.Credential("sha256:a1", ALICE,
			"Active");

	private static final IdentityChanges.Credential BOB_KEY = new IdentityChanges.Credential("sha256:b1", BOB,
			"Active");

	private static final Grant ALICE_READS_1 = new Grant(ALICE, 1, "read", "by app (user)");

	private static final Grant BOB_READS_1 = new Grant(BOB, 1, "read", "by app (user)");

	private static final IdentityChanges.Stored<User, Grant> STORED = new IdentityChanges.Stored<>(
			List.of(ALICE_USER, BOB_USER), List.of(ALICE_KEY, BOB_KEY), List.of(ALICE_READS_1, BOB_READS_1));

	@Test
	void nothingChangedThenNothingIsWrittenAndNoPathReEvaluated() {
		IdentityChanges<User, Grant> changes = IdentityChanges.between(STORED, List.of(ALICE_USER, BOB_USER),
				List.of(ALICE_READS_1, BOB_READS_1), List.of(ALICE_KEY, BOB_KEY));

		assertThat(changes.identities()).isEmpty();
		assertThat(changes.credentials()).isEmpty();
		assertThat(changes.credentialsGone()).isEmpty();
		assertThat(changes.access()).isEmpty();
		assertThat(changes.accessGone()).isEmpty();
		assertThat(changes.fingerprints()).isEmpty();
	}

	@Test
	void oneUsersAccessChangedThenOnlyItsRowsAndItsKeys() {
		Grant aliceWrites1 = new Grant(ALICE, 1, "write", "by app (user)");
		Grant aliceReads2 = new Grant(ALICE, 2, "read", "by app (user)");

		IdentityChanges<User, Grant> changes = IdentityChanges.between(STORED, List.of(ALICE_USER, BOB_USER),
				List.of(aliceWrites1, aliceReads2, BOB_READS_1), List.of(ALICE_KEY, BOB_KEY));

		assertThat(changes.identities()).isEmpty();
		assertThat(changes.access()).containsExactly(aliceWrites1, aliceReads2);
		assertThat(changes.accessGone()).isEmpty();
		assertThat(changes.fingerprints()).containsExactly("sha256:a1");
	}

	@Test
	void accessLostAndAUserGoneThenTheirRowsGoAndTheirKeysAreReEvaluated() {
		IdentityChanges<User, Grant> changes = IdentityChanges.between(STORED, List.of(ALICE_USER), List.of(),
				List.of(ALICE_KEY));

		assertThat(changes.accessGone()).containsExactlyInAnyOrder(ALICE_READS_1, BOB_READS_1);
		assertThat(changes.credentialsGone()).containsExactly("sha256:b1");
		assertThat(changes.fingerprints()).containsExactlyInAnyOrder("sha256:a1", "sha256:b1");
	}

	@Test
	void privilegeOrAKeysStatusChangedThenThatUsersKeysAreReEvaluated() {
		User privilegedBob = new User(BOB, "bob", true);
		IdentityChanges.Credential inactiveAlice = new IdentityChanges.Credential("sha256:a1", ALICE, "Inactive");
		IdentityChanges.Credential newBobKey = new IdentityChanges.Credential("sha256:b2", BOB, "Active");

		IdentityChanges<User, Grant> changes = IdentityChanges.between(STORED, List.of(ALICE_USER, privilegedBob),
				List.of(ALICE_READS_1, BOB_READS_1), List.of(inactiveAlice, BOB_KEY, newBobKey));

		assertThat(changes.identities()).containsExactly(privilegedBob);
		assertThat(changes.credentials()).containsExactly(inactiveAlice, newBobKey);
		assertThat(changes.fingerprints()).containsExactlyInAnyOrder("sha256:a1", "sha256:b1", "sha256:b2");
	}

}
