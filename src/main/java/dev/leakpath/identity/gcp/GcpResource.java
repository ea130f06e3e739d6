package dev.leakpath.identity.gcp;

import java.util.ArrayList;
import java.util.List;

/**
 * A resource and its ancestry, as Cloud Asset Inventory gives them (a row of {@code gcp_resource}).
 *
 * @param name its full resource name
 * @param assetType e.g. {@code storage.googleapis.com/Bucket}
 * @param project {@code projects/NUMBER}, or null
 * @param folders {@code folders/ID}, nearest first, as CAI lists them
 * @param organization {@code organizations/ID}, or null
 */
public record GcpResource(String name, String assetType, String project, List<String> folders, String organization) {

	public GcpResource {
		folders = List.copyOf(folders);
	}

	/** Where a policy that applies to it may be set: itself, its project, its folders, its organization. */
	List<String> policyHolders() {
		List<String> holders = new ArrayList<>();
		holders.add(name);
		if (project != null) {
			holders.add(project);
		}
		holders.addAll(folders);
		if (organization != null) {
			holders.add(organization);
		}
		return holders;
	}

}
