package dev.leakpath.identity.azure;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A tenant's assets indexed by the scopes that contain them, so that an assignment is checked only against the
 * assets under its scope rather than all of them: an ARM id contains the ids that start with it and a {@code /}
 * (a sorted map's range), a management group the assets of the subscriptions below it, the root every asset. A
 * superset of what {@link ArmScopes#contains} accepts, which still decides each asset.
 */
final class AzureAssetScopes {

	private final List<AzureAccessEvaluation.Asset> assets;

	/** Lower-cased ARM id to the positions of the assets with that id. */
	private final NavigableMap<String, BitSet> byId = new TreeMap<>();

	/** Management group name, lower-cased, to the positions of the assets below it. */
	private final Map<String, BitSet> byManagementGroup = new HashMap<>();

	AzureAssetScopes(List<AzureAccessEvaluation.Asset> assets) {
		this.assets = assets;
		for (int position = 0; position < assets.size(); position++) {
			AzureAccessEvaluation.Asset asset = assets.get(position);
			byId.computeIfAbsent(ArmScopes.normalise(asset.resourceId()), id -> new BitSet()).set(position);
			for (String group : asset.managementGroups()) {
				String name = ArmScopes.normalise(group);
				if (name.startsWith(ArmScopes.MANAGEMENT_GROUPS)) {
					name = name.substring(ArmScopes.MANAGEMENT_GROUPS.length());
				}
				byManagementGroup.computeIfAbsent(name, key -> new BitSet()).set(position);
			}
		}
	}

	List<AzureAccessEvaluation.Asset> assets() {
		return assets;
	}

	/** Adds to {@code into} the positions of the assets the scope may contain. */
	void under(String scope, BitSet into) {
		String outer = ArmScopes.normalise(scope);
		if (outer.isEmpty() || outer.equals("/")) {
			into.set(0, assets.size());
			return;
		}
		if (outer.startsWith(ArmScopes.MANAGEMENT_GROUPS)) {
			BitSet below = byManagementGroup.get(outer.substring(ArmScopes.MANAGEMENT_GROUPS.length()));
			if (below != null) {
				into.or(below);
			}
			return;
		}
		BitSet itself = byId.get(outer);
		if (itself != null) {
			into.or(itself);
		}
		// '0' follows '/': the ids that start with the scope and a slash
		byId.subMap(outer + "/", true, outer + "0", false).values().forEach(into::or);
	}

}
