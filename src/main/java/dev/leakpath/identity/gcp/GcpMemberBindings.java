package dev.leakpath.identity.gcp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scope's bindings by member, so that each service account is evaluated against the bindings that may apply to
 * it (to it, or to everyone) and not against all of them: {@link GcpIamEvaluation} skips the others, so the
 * answer is the same, and their order, which the roles it reports follow, is kept.
 */
public final class GcpMemberBindings {

	private final List<GcpBinding> bindings;

	private final Map<String, List<Integer>> byMember = new HashMap<>();

	private final List<Integer> everyone = new ArrayList<>();

	public GcpMemberBindings(List<GcpBinding> bindings) {
		this.bindings = List.copyOf(bindings);
		for (int index = 0; index < this.bindings.size(); index++) {
			String member = this.bindings.get(index).member();
			if (GcpIamEvaluation.EVERYONE.contains(member)) {
				everyone.add(index);
			}
			else {
				byMember.computeIfAbsent(member, key -> new ArrayList<>()).add(index);
			}
		}
	}

	/** The bindings that may grant the service account something, in the scope's order. */
	public List<GcpBinding> of(String serviceAccountEmail) {
		List<Integer> own = byMember.getOrDefault("serviceAccount:" + serviceAccountEmail, List.of());
		List<GcpBinding> merged = new ArrayList<>(own.size() + everyone.size());
		int o = 0;
		int e = 0;
		while (o < own.size() || e < everyone.size()) {
			boolean takeOwn = e == everyone.size() || (o < own.size() && own.get(o) < everyone.get(e));
			merged.add(bindings.get(takeOwn ? own.get(o++) : everyone.get(e++)));
		}
		return merged;
	}

}
