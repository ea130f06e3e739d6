package dev.leakpath.attackpath;

import java.util.List;
import java.util.Set;

/**
 * One kind of attack path: where it starts, what it reaches, how risky it is to begin with and how to close
 * it. The rule matches a repository with an open alert for a secret, and, when {@code targetTypes} is not
 * empty, a resource of one of those types that the secret can authenticate to.
 *
 * @param id stable identifier, stored with every path
 * @param provider {@code github} or {@code azure_devops}; null for both
 * @param publicEntry whether the repository must be public
 * @param targetTypes resource types the chain ends at (matched without case); empty: the chain ends at the secret
 * @param baseScore the score before the path's own risk factors are added
 * @param chain the chain's steps, for display
 */
public record AttackPathRule(String id, String name, String provider, boolean publicEntry, Set<String> targetTypes,
		int baseScore, List<String> chain, List<String> remediation) {

	public boolean endsAtResource() {
		return !targetTypes.isEmpty();
	}

}
