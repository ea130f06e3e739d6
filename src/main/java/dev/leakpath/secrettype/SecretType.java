package dev.leakpath.secrettype;

/**
 * A kind of credential, the same whichever provider found it.
 *
 * @param id stable id: GitHub's {@code secret_type} slug where GitHub has one; for a type no catalogue entry
 * names, the provider's own word
 * @param category {@code connection_string}, {@code key}, {@code sas_token}, {@code private_key}, {@code token},
 * {@code password} or {@code other}
 * @param target what the credential can lead to ({@code object_storage}, {@code managed_database},
 * {@code virtual_machine}, {@code cloud_identity}, {@code saas}, …); {@code unknown} when not mapped
 * @param mapped whether the catalogue knows the type
 */
public record SecretType(String id, String name, String category, String target, boolean mapped) {

	static SecretType unmapped(String providerType, String displayName) {
		String id = providerType == null || providerType.isBlank() ? "unknown" : providerType;
		return new SecretType(id, displayName == null || displayName.isBlank() ? id : displayName, "other", "unknown",
				false);
	}

}
