package dev.leakpath.secret;

/**
 * Conditions on a secret listing; null means no condition.
 *
 * @param targetKind what the secret reaches ({@code cloud_resource}, ...)
 * @param exists whether its target is in the inventory ({@code true}, {@code false}, {@code unknown})
 * @param expired whether it has expired by its own word (a secret without a known expiry is not expired)
 */
public record SecretFilter(String targetKind, String exists, Boolean expired) {
}
