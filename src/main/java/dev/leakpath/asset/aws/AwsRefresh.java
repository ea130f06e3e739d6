package dev.leakpath.asset.aws;

import java.util.ArrayList;
import java.util.List;

/**
 * What one read of the AWS inventory did.
 *
 * @param assets assets read by the reads that succeeded
 * @param users IAM users read
 * @param failures one line per read that failed (its service, account and region, and why); its stored assets stay
 */
record AwsRefresh(int assets, int users, List<String> failures) {

	static final AwsRefresh NONE = new AwsRefresh(0, 0, List.of());

	static AwsRefresh failed(String failure) {
		return new AwsRefresh(0, 0, List.of(failure));
	}

	AwsRefresh plus(AwsRefresh other) {
		List<String> all = new ArrayList<>(failures);
		all.addAll(other.failures);
		return new AwsRefresh(assets + other.assets, users + other.users, List.copyOf(all));
	}

}
