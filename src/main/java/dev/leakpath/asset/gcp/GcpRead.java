package dev.leakpath.asset.gcp;

import java.util.List;

import dev.leakpath.asset.AssetInput;

/**
 * What one read of the scope found, mapped from Cloud Asset Inventory's results.
 *
 * @param assets the buckets, Cloud SQL and Compute instances, as inventory assets
 * @param resources every resource read, with its ancestry, for the IAM evaluation
 * @param serviceAccounts the service accounts, with their keys' ids
 * @param bindings the IAM policies' bindings, one per (resource, role, member)
 */
record GcpRead(List<AssetInput> assets, List<Resource> resources,
		List<ServiceAccount> serviceAccounts, List<Binding> bindings) {

	/**
	 * @param name the full resource name ({@code //storage.googleapis.com/BUCKET})
	 * @param project {@code projects/NUMBER}; folders {@code folders/ID}; organization {@code organizations/ID}
	 */
	record Resource(String name, String assetType, String project, List<String> folders, String organization) {
	}

	/** A key of a service account: its id is the key file's {@code private_key_id}. */
	record Key(String keyId, String name, String keyType, boolean disabled) {
	}

	record ServiceAccount(String email, String name, String project, String uniqueId, boolean disabled,
			List<Key> keys) {
	}

	/**
	 * @param resource the full resource name, or {@code projects/NUMBER}, {@code folders/ID}, {@code organizations/ID}
	 * for the containers
	 * @param conditional the binding has an IAM condition, which is not evaluated
	 */
	record Binding(String resource, String assetType, String role, String member, boolean conditional) {
	}

}
