package dev.leakpath.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scope's new evaluation (an AWS account's, a GCP project's) changes in what its last one stored in the
 * identity layer (V202612130000): the identities, credentials and access rows to write or delete, and the
 * credentials whose secrets' paths may have changed (those of every identity with a change, before and after,
 * and every credential added, moved or removed). One policy change rewrites that identity's rows and
 * re-evaluates its keys' paths, not the scope's: at 400 users and 2,000 buckets an account is some 20,000 access
 * rows and fifty leaked keys.
 *
 * @param <I> the writer's identity row; equal when nothing written of it changed
 * @param <A> the writer's access row; equal likewise
 */
public final class IdentityChanges<I extends IdentityChanges.Identity, A extends IdentityChanges.Access> {

	/** An identity as a writer stores it, by its provider id (an ARN, an email). */
	public interface Identity {

		String providerId();

	}

	/** One identity's access to one asset. */
	public interface Access {

		String providerId();

		long assetId();

	}

	/** A credential of an identity, by the contract's fingerprint. */
	public record Credential(String fingerprint, String providerId, String status) {
	}

	/** What the scope's last evaluation stored. */
	public record Stored<I, A>(List<I> identities, List<Credential> credentials, List<A> access) {
	}

	private final List<I> identities = new ArrayList<>();

	private final List<String> credentialsGone = new ArrayList<>();

	private final List<Credential> credentials = new ArrayList<>();

	private final List<A> accessGone = new ArrayList<>();

	private final List<A> access = new ArrayList<>();

	private final Set<String> fingerprints = new HashSet<>();

	private IdentityChanges() {
	}

	/**
	 * @param identities every identity of the scope now
	 * @param access every access row of the scope now
	 * @param credentials every credential of the scope now
	 */
	public static <I extends Identity, A extends Access> IdentityChanges<I, A> between(Stored<I, A> stored,
			List<I> identities, List<A> access, List<Credential> credentials) {
		IdentityChanges<I, A> changes = new IdentityChanges<>();
		Set<String> changed = new HashSet<>();
		Map<String, I> storedIdentities = new HashMap<>();
		stored.identities().forEach(identity -> storedIdentities.put(identity.providerId(), identity));
		for (I identity : identities) {
			if (!identity.equals(storedIdentities.remove(identity.providerId()))) {
				changes.identities.add(identity);
				changed.add(identity.providerId());
			}
		}
		// the identities left are gone (deleted with their credentials and access)
		changed.addAll(storedIdentities.keySet());

		Map<String, Credential> storedCredentials = new HashMap<>();
		stored.credentials().forEach(credential -> storedCredentials.put(credential.fingerprint(), credential));
		for (Credential credential : credentials) {
			if (!credential.equals(storedCredentials.remove(credential.fingerprint()))) {
				changes.credentials.add(credential);
				changes.fingerprints.add(credential.fingerprint());
			}
		}
		storedCredentials.keySet().forEach(fingerprint -> {
			changes.credentialsGone.add(fingerprint);
			changes.fingerprints.add(fingerprint);
		});

		Map<String, A> storedAccess = new HashMap<>();
		stored.access().forEach(row -> storedAccess.put(key(row), row));
		for (A row : access) {
			if (!row.equals(storedAccess.remove(key(row)))) {
				changes.access.add(row);
				changed.add(row.providerId());
			}
		}
		storedAccess.values().forEach(row -> {
			changes.accessGone.add(row);
			changed.add(row.providerId());
		});

		for (Credential credential : stored.credentials()) {
			if (changed.contains(credential.providerId())) {
				changes.fingerprints.add(credential.fingerprint());
			}
		}
		for (Credential credential : credentials) {
			if (changed.contains(credential.providerId())) {
				changes.fingerprints.add(credential.fingerprint());
			}
		}
		return changes;
	}

	private static String key(Access row) {
		return row.providerId() + "\n" + row.assetId();
	}

	/** New identities, and those of which something stored changed. */
	public List<I> identities() {
		return identities;
	}

	/** The fingerprints of credentials no identity of the scope holds any more. */
	public List<String> credentialsGone() {
		return credentialsGone;
	}

	/** New credentials, and those whose identity or status changed. */
	public List<Credential> credentials() {
		return credentials;
	}

	/** Access rows no longer granted. */
	public List<A> accessGone() {
		return accessGone;
	}

	/** New access rows, and those whose level, assumption or reason changed. */
	public List<A> access() {
		return access;
	}

	/** The credentials whose secrets' targets or risk may differ now. */
	public Set<String> fingerprints() {
		return fingerprints;
	}

}
