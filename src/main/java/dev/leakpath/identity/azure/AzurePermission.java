package dev.leakpath.identity.azure;

import java.util.List;

/**
 * One entry of a role definition's {@code permissions}: control plane {@code actions} less {@code notActions},
 * data plane {@code dataActions} less {@code notDataActions}.
 */
public record AzurePermission(List<String> actions, List<String> notActions, List<String> dataActions,
		List<String> notDataActions) {

	public AzurePermission {
		actions = actions == null ? List.of() : List.copyOf(actions);
		notActions = notActions == null ? List.of() : List.copyOf(notActions);
		dataActions = dataActions == null ? List.of() : List.copyOf(dataActions);
		notDataActions = notDataActions == null ? List.of() : List.copyOf(notDataActions);
	}

}
