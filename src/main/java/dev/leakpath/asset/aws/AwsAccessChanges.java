package dev.leakpath.asset.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an account's new evaluation changes in what its last one stored: the identities, credentials and access
 * rows to write or delete, and the credentials whose secrets' paths may have changed (those of every identity
 * with a change, before and after, and every credential added, moved or removed). One user's policy changed
 * rewrites that user's rows and re-evaluates its keys' paths, not the account's: at 400 users and 2,000 buckets
 * an account is some 20,000 access rows and fifty leaked keys.
 */
final class AwsAccessChanges {

	record Credential(String fingerprint, String userArn, String status) {
	}

	/** What the account's last evaluation stored. */
	record Stored(List<AwsAccessRules.Identity> identities, List<Credential> credentials,
			List<AwsAccessRules.Access> access) {
	}

	private final List<AwsAccessRules.Identity> identities = new ArrayList<>();

	private final List<String> credentialsGone = new ArrayList<>();

	private final List<Credential> credentials = new ArrayList<>();

	private final List<AwsAccessRules.Access> accessGone = new ArrayList<>();

	private final List<AwsAccessRules.Access> access = new ArrayList<>();

	private final Set<String> fingerprints = new HashSet<>();

	private AwsAccessChanges() {
	}

	static AwsAccessChanges between(Stored stored, AwsAccessRules.Evaluated evaluated, List<Credential> keys) {
		AwsAccessChanges changes = new AwsAccessChanges();
		Set<String> changedUsers = new HashSet<>();
		Map<String, AwsAccessRules.Identity> storedIdentities = new HashMap<>();
		stored.identities().forEach(identity -> storedIdentities.put(identity.arn(), identity));
		for (AwsAccessRules.Identity identity : evaluated.identities()) {
			if (!identity.equals(storedIdentities.remove(identity.arn()))) {
				changes.identities.add(identity);
				changedUsers.add(identity.arn());
			}
		}
		// the identities left are gone (deleted with their credentials and access)
		changedUsers.addAll(storedIdentities.keySet());

		Map<String, Credential> storedCredentials = new HashMap<>();
		stored.credentials().forEach(credential -> storedCredentials.put(credential.fingerprint(), credential));
		for (Credential key : keys) {
			Credential before = storedCredentials.remove(key.fingerprint());
			if (!key.equals(before)) {
				changes.credentials.add(key);
				changes.fingerprints.add(key.fingerprint());
			}
		}
		storedCredentials.keySet().forEach(fingerprint -> {
			changes.credentialsGone.add(fingerprint);
			changes.fingerprints.add(fingerprint);
		});

		Map<String, AwsAccessRules.Access> storedAccess = new HashMap<>();
		stored.access().forEach(row -> storedAccess.put(key(row), row));
		for (AwsAccessRules.Access row : evaluated.access()) {
			if (!row.equals(storedAccess.remove(key(row)))) {
				changes.access.add(row);
				changedUsers.add(row.userArn());
			}
		}
		storedAccess.values().forEach(row -> {
			changes.accessGone.add(row);
			changedUsers.add(row.userArn());
		});

		for (Credential credential : stored.credentials()) {
			if (changedUsers.contains(credential.userArn())) {
				changes.fingerprints.add(credential.fingerprint());
			}
		}
		for (Credential key : keys) {
			if (changedUsers.contains(key.userArn())) {
				changes.fingerprints.add(key.fingerprint());
			}
		}
		return changes;
	}

	private static String key(AwsAccessRules.Access row) {
		return row.userArn() + "\n" + row.assetId();
	}

	/** New identities, and those whose name, privilege or knowledge of their policies changed. */
	List<AwsAccessRules.Identity> identities() {
		return identities;
	}

	/** The fingerprints of credentials no user of the account holds any more. */
	List<String> credentialsGone() {
		return credentialsGone;
	}

	/** New credentials, and those whose user or status changed. */
	List<Credential> credentials() {
		return credentials;
	}

	/** Access rows no longer granted. */
	List<AwsAccessRules.Access> accessGone() {
		return accessGone;
	}

	/** New access rows, and those whose level, assumption or reason changed. */
	List<AwsAccessRules.Access> access() {
		return access;
	}

	/** The credentials whose secrets' targets or risk may differ now. */
	Set<String> fingerprints() {
		return fingerprints;
	}

}
