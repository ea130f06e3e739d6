package dev.leakpath.attackpath;

import java.util.List;

/**
 * One kind of attack path: where it starts, what it reaches and how to close it. A path to a resource is
 * raised for any repository whose open secret can authenticate to the resource; a plaintext-secret path, for
 * a public repository whose secret reaches no resource.
 *
 * @param id stable identifier, stored with every path
 * @param provider {@code github} or {@code azure_devops}
 * @param publicEntry whether the repository must be public
 * @param target what the chain ends at; null: the chain ends at the secret
 * @param chain the chain's steps, for display
 */
public record AttackPathRule(String id, String name, String provider, boolean publicEntry, TargetKind target,
		List<String> chain, List<String> remediation) {

	/** The resource category the path ends at, or null when it ends at the secret. */
	public String category() {
		return target == null ? null : target.category();
	}

}
