package dev.leakpath.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;

import dev.leakpath.alert.AlertExportRow;
import dev.leakpath.alert.AlertView;

/**
 * Alerts as RFC 4180 CSV, one line per location, with the alert's risk score, its level as the severity, its
 * repository's owners and the open attack paths it is evidence for: what a spreadsheet sorts by. A cell that a
 * spreadsheet would run as a formula (it starts with {@code = + - @}, a tab or a carriage return; file paths come
 * from the scanned repositories, owners start with {@code @}) is prefixed with an apostrophe.
 */
public final class CsvAlerts {

	static final String HEADER = "alert_id,provider,organization,repository,provider_alert_id,secret_type,state,"
			+ "validity,created_at,resolved_at,alert_url,secret_fingerprint,target_resource_type,target_name,"
			+ "target_exists,risk_score,severity,owners,open_attack_paths,location_type,path,start_line,end_line,"
			+ "start_column,end_column,commit_sha,file_url\r\n";

	/** Between a repository's owners in their one cell. */
	private static final String OWNER_SEPARATOR = "; ";

	/** Lines per emitted chunk: fewer, larger writes. */
	private static final int LINES_PER_CHUNK = 200;

	private CsvAlerts() {
	}

	public static Flux<String> write(Flux<AlertExportRow> rows) {
		return Flux.concat(Flux.just(HEADER),
				rows.map(CsvAlerts::line).buffer(LINES_PER_CHUNK).map(chunk -> String.join("", chunk)));
	}

	private static String line(AlertExportRow row) {
		AlertView.Location location = row.location();
		List<Object> cells = new ArrayList<>(List.of(row.alertId(), row.provider(), nullable(row.organization()),
				row.repository(), row.providerAlertId(), row.secretType(), row.state(), nullable(row.validity()),
				time(row.createdAt()), time(row.resolvedAt()), nullable(row.alertUrl()), nullable(row.fingerprint()),
				nullable(row.targetResourceType()), nullable(row.targetName()), nullable(row.targetExists()),
				row.riskScore(), row.riskLevel(), String.join(OWNER_SEPARATOR, row.owners()), row.openAttackPaths()));
		if (location == null) {
			cells.addAll(List.of("", "", "", "", "", "", "", ""));
		}
		else {
			cells.addAll(List.of(location.type(), nullable(location.path()), nullable(location.startLine()),
					nullable(location.endLine()), nullable(location.startColumn()), nullable(location.endColumn()),
					nullable(location.commitSha()), nullable(location.fileUrl())));
		}
		StringBuilder line = new StringBuilder(256);
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				line.append(',');
			}
			line.append(cell(String.valueOf(cells.get(i))));
		}
		return line.append("\r\n").toString();
	}

	static String cell(String value) {
		String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
			return safe;
		}
		return '"' + safe.replace("\"", "\"\"") + '"';
	}

	private static Object nullable(Object value) {
		return value == null ? "" : value;
	}

	private static String time(Instant instant) {
		return instant == null ? "" : instant.toString();
	}

}
