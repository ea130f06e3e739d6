package dev.leakpath.identity.azure;

import java.util.List;
import java.util.Locale;

/**
 * Scope containment of ARM ids, case-insensitive: a management group contains the subscriptions under it (given,
 * as ARM does not spell it in the ids), a subscription its resource groups, a resource group its resources, a
 * resource its child resources; and every scope contains itself. {@code /} is the root scope.
 */
final class ArmScopes {

	static final String MANAGEMENT_GROUPS = "/providers/microsoft.management/managementgroups/";

	private ArmScopes() {
	}

	/**
	 * @param managementGroups the management groups above the resource's subscription, nearest first, as ids
	 * ({@code /providers/Microsoft.Management/managementGroups/<name>}) or names
	 */
	static boolean contains(String scope, String resourceId, List<String> managementGroups) {
		String outer = normalise(scope);
		String inner = normalise(resourceId);
		if (outer.equals("/") || outer.isEmpty()) {
			return true;
		}
		if (outer.startsWith(MANAGEMENT_GROUPS)) {
			String group = outer.substring(MANAGEMENT_GROUPS.length());
			return inner.equals(outer) || managementGroups.stream()
				.map(ArmScopes::normalise)
				.anyMatch(name -> name.equals(group) || name.equals(outer));
		}
		return inner.equals(outer) || inner.startsWith(outer + "/");
	}

	static String lastSegment(String id) {
		String trimmed = normalise(id);
		return trimmed.substring(trimmed.lastIndexOf('/') + 1);
	}

	/** Lower case, without a trailing {@code /}: how ids and scopes compare. */
	static String normalise(String id) {
		String lower = id.strip().toLowerCase(Locale.ROOT);
		return lower.length() > 1 && lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
	}

}
