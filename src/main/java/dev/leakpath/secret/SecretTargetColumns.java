package dev.leakpath.secret;

import io.r2dbc.spi.Readable;

import dev.leakpath.target.SecretTarget;
import dev.leakpath.target.TargetKind;
import dev.leakpath.target.TargetView;

/** The target columns of the {@code secret} table, for queries that join it as {@code s}. */
public final class SecretTargetColumns {

	public static final String SELECT = """
			s.target_kind, s.target_cloud, s.target_resource_type, s.target_name, s.target_host, s.target_account_id,
			s.target_tenant_id, s.target_region, s.target_key_fingerprint, s.target_evidence, s.target_confidence,
			s.target_exists, s.target_asset_id""";

	private SecretTargetColumns() {
	}

	/** The row's target, or null when the secret has none (or there is no secret). */
	public static TargetView read(Readable row) {
		String kind = row.get("target_kind", String.class);
		if (kind == null) {
			return null;
		}
		return new TargetView(new SecretTarget(TargetKind.fromWireName(kind), row.get("target_cloud", String.class),
				row.get("target_resource_type", String.class), row.get("target_name", String.class),
				row.get("target_host", String.class), row.get("target_account_id", String.class),
				row.get("target_tenant_id", String.class), row.get("target_region", String.class),
				row.get("target_key_fingerprint", String.class), row.get("target_evidence", String.class),
				row.get("target_confidence", String.class)), row.get("target_exists", String.class),
				row.get("target_asset_id", Long.class));
	}

}
