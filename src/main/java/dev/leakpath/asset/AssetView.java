package dev.leakpath.asset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.lang.Nullable;

/** An asset as the API shows it, with how many distinct exposed secrets can authenticate to it. */
public record AssetView(long id, String cloud, String resourceType, String providerId, String name, List<String> hosts,
		@Nullable String region, @Nullable String accountId, Map<String, String> tags,
		@Nullable Boolean internetExposed, @Nullable Boolean sensitiveData, @Nullable String owner,
		List<String> sshKeyFingerprints, String source, long exposedSecrets, Instant updatedAt) {
}
