package dev.leakpath.target;

import org.springframework.lang.Nullable;

/**
 * What a secret can authenticate to, made only of identifiers that are not secret: never a key, a
 * password or a signature.
 *
 * @param cloud {@code azure}, {@code aws}, {@code gcp}, or null
 * @param resourceType e.g. {@code Microsoft.Storage/storageAccounts}, {@code AWS::RDS::DBInstance}; for a SaaS
 * identity the service ({@code github}, {@code npm})
 * @param name the resource's name (storage account, server, bucket), or the principal (Entra app id)
 * @param host the endpoint host the secret was written for
 * @param accountId AWS account, or Azure subscription id for classic management certificates
 * @param tenantId Entra tenant
 * @param region cloud region, when the value names it
 * @param keyFingerprint for private keys, the public key's {@code SHA256:…} fingerprint; for AWS access keys, the key
 * id's {@code sha256:…} (the id is not kept), which {@code identity_credential} matches
 * @param evidence what in the value named the target, e.g. {@code connection string AccountName}
 * @param confidence {@code high}, {@code medium} or {@code low}
 */
public record SecretTarget(TargetKind kind, @Nullable String cloud, @Nullable String resourceType,
		@Nullable String name, @Nullable String host, @Nullable String accountId, @Nullable String tenantId,
		@Nullable String region, @Nullable String keyFingerprint, @Nullable String evidence,
		@Nullable String confidence) {

	public static final String HIGH = "high";

	public static final String MEDIUM = "medium";

	public static final String LOW = "low";

	public static SecretTarget unresolved(String evidence) {
		return new SecretTarget(TargetKind.UNRESOLVED, null, null, null, null, null, null, null, null, evidence, LOW);
	}

	public static SecretTarget saas(String service, String evidence) {
		return new SecretTarget(TargetKind.SAAS_IDENTITY, null, service, null, null, null, null, null, null, evidence,
				HIGH);
	}

	static SecretTarget resource(String cloud, String resourceType, String name, String host, String region,
			String evidence, String confidence) {
		return new SecretTarget(TargetKind.CLOUD_RESOURCE, cloud, resourceType, name, host, null, null, region, null,
				evidence, confidence);
	}

	SecretTarget withAccountId(String account) {
		return new SecretTarget(kind, cloud, resourceType, name, host, account, tenantId, region, keyFingerprint,
				evidence, confidence);
	}

	SecretTarget withTenantId(String tenant) {
		return new SecretTarget(kind, cloud, resourceType, name, host, accountId, tenant, region, keyFingerprint,
				evidence, confidence);
	}

	public boolean resolved() {
		return kind != TargetKind.UNRESOLVED;
	}

}
