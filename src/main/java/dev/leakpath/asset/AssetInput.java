package dev.leakpath.asset;

import java.util.List;
import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * A cloud asset as an inventory source gives it.
 *
 * @param cloud {@code azure}, {@code azure-us-government}, {@code azure-china}, {@code aws} or {@code gcp}
 * @param resourceType e.g. {@code Microsoft.Storage/storageAccounts}, {@code AWS::RDS::DBInstance}
 * @param providerId the asset's id at its cloud: ARM id, ARN, or GCP resource name; the key of the upsert
 * @param hosts host names and endpoints the asset answers on
 * @param accountId AWS account, Azure subscription or GCP project
 * @param sshKeyFingerprints OpenSSH {@code SHA256:} fingerprints of the public keys a machine accepts
 */
public record AssetInput(String cloud, String resourceType, String providerId, String name,
		@Nullable List<String> hosts, @Nullable String region, @Nullable String accountId,
		@Nullable Map<String, String> tags, @Nullable Boolean internetExposed, @Nullable Boolean sensitiveData,
		@Nullable String owner, @Nullable List<String> sshKeyFingerprints) {
}
