package dev.leakpath.asset;

import java.util.List;
import java.util.Map;

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
public record AssetInput(String cloud, String resourceType, String providerId, String name, List<String> hosts,
		String region, String accountId, Map<String, String> tags, Boolean internetExposed, Boolean sensitiveData,
		String owner, List<String> sshKeyFingerprints) {
}
