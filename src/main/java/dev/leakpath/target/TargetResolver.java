package dev.leakpath.target;

import java.util.Optional;
import java.util.Set;

/** Reads one family of secrets: connection strings, signed URLs, cloud keys, tokens, private keys. */
interface TargetResolver {

	/** Provider secret types (GitHub slugs, Azure DevOps rule names) this resolver is the first choice for. */
	Set<String> secretTypes();

	/**
	 * The target named by {@code text} (a secret value, or the text around one); empty when it names none.
	 * {@code secretType} may narrow an ambiguous host (Service Bus or Event Hubs).
	 */
	Optional<SecretTarget> resolve(String text, String secretType);

}
