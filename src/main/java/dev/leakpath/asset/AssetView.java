package dev.leakpath.asset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An asset as the API shows it, with how many distinct exposed secrets can authenticate to it. */
public record AssetView(long id, String cloud, String resourceType, String providerId, String name, List<String> hosts,
		String region, String accountId, Map<String, String> tags, Boolean internetExposed, Boolean sensitiveData,
		String owner, List<String> sshKeyFingerprints, String source, long exposedSecrets, Instant updatedAt) {
}
