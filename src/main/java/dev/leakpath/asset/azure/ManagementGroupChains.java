package dev.leakpath.asset.azure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The management groups above each subscription, from Resource Graph's {@code resourcecontainers}: a subscription's
 * {@code properties.managementGroupAncestorsChain} lists them from its parent to the tenant root group, each with
 * its {@code name} (learn.microsoft.com/azure/governance/management-groups/resource-graph-samples). ARM ids do not
 * spell them, so without this an assignment at a management group would reach nothing.
 */
final class ManagementGroupChains {

	static final String QUERY = "resourcecontainers | where type =~ 'microsoft.resources/subscriptions' "
			+ "| project id, subscriptionId, properties | order by id asc";

	private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)^/subscriptions/([^/]+)");

	private final Map<String, List<String>> bySubscription;

	private ManagementGroupChains(Map<String, List<String>> bySubscription) {
		this.bySubscription = bySubscription;
	}

	static ManagementGroupChains read(List<JsonNode> rows) {
		Map<String, List<String>> chains = new LinkedHashMap<>();
		for (JsonNode row : rows) {
			String subscription = AzureRbacRows.text(row, "subscriptionId");
			if (subscription == null) {
				continue;
			}
			List<String> names = new ArrayList<>();
			row.path("properties").path("managementGroupAncestorsChain").forEach(group -> {
				String name = AzureRbacRows.text(group, "name");
				if (name != null) {
					names.add(name);
				}
			});
			chains.put(subscription.toLowerCase(Locale.ROOT), List.copyOf(names));
		}
		return new ManagementGroupChains(chains);
	}

	/** The management groups above the resource's subscription, nearest first; none when it is not known. */
	List<String> above(String resourceId) {
		Matcher subscription = SUBSCRIPTION.matcher(resourceId);
		return subscription.find() ? bySubscription.getOrDefault(subscription.group(1).toLowerCase(Locale.ROOT),
				List.of()) : List.of();
	}

}
