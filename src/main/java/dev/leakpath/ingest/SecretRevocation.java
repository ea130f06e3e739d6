package dev.leakpath.ingest;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.leakpath.model.AlertReference;

/**
 * Revokes leaked secrets at the provider that issued them. Like {@link AlertWriteBack} it talks to its provider
 * only, with the same errors; the secret it reads lives in memory until the revocation is sent.
 */
public interface SecretRevocation {

	/** Whether this provider can revoke secrets of this type (the provider's own slug). */
	boolean revocable(String providerSecretType);

	/**
	 * The alert at the provider now, with its secret's value; empty when the provider no longer has the alert.
	 */
	Mono<Read> read(AlertReference alert);

	/** Asks the provider to revoke these secrets; completes once it has accepted them. */
	Mono<Void> revoke(List<RevocableSecret> secrets);

	/** The alert's triage fields and its secret; the secret is null when the value cannot be revoked. */
	record Read(ProviderAlertState state, RevocableSecret secret) {
	}

}
