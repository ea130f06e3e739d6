package dev.leakpath.identity.gcp;

import java.util.List;

/**
 * What a service account may do to one resource.
 *
 * @param read read its data: a bucket's objects, a Cloud SQL instance's databases (by connecting or exporting)
 * @param write change its data: write or delete a bucket's objects, administer a Cloud SQL instance
 * @param roles the roles that grant either, as {@code ROLE on HOLDER}, for the explanation of a path
 */
public record GcpAccess(GcpDecision read, GcpDecision write, List<String> roles) {

	public GcpAccess {
		roles = List.copyOf(roles);
	}

	public boolean reaches() {
		return read.mayAllow() || write.mayAllow();
	}

}
