package dev.leakpath.target;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code key=value;} connection strings (ADO.NET, ODBC, Azure SDK) out of text as people write it:
 * bare, quoted, in JSON, YAML, XML attributes or {@code .env} lines. Keys are lower-cased without spaces
 * ({@code Initial Catalog} is {@code initialcatalog}); the first value of a key wins.
 */
final class ConnectionStrings {

	/** The keys leakpath reads. A value of another key is searched for further pairs ({@code NAME=Server=…}). */
	static final Set<String> KNOWN_KEYS = Set.of("accountname", "accountkey", "endpointsuffix",
			"defaultendpointsprotocol", "blobendpoint", "queueendpoint", "tableendpoint", "fileendpoint",
			"sharedaccesssignature", "usedevelopmentstorage", "accountendpoint", "endpoint", "sharedaccesskeyname",
			"sharedaccesskey", "entitypath", "hostname", "deviceid", "accesskey", "id", "secret", "server", "datasource",
			"host", "address", "addr", "networkaddress", "initialcatalog", "database", "userid", "uid", "user",
			"username", "password", "pwd", "port", "driver", "account", "version");

	private ConnectionStrings() {
	}

	static Map<String, String> parse(String text) {
		Map<String, String> pairs = new LinkedHashMap<>();
		for (String piece : text.split("[;\\n\\r\"'<>`]")) {
			collect(piece, pairs, 0);
		}
		return pairs;
	}

	private static void collect(String piece, Map<String, String> pairs, int depth) {
		int equals = piece.indexOf('=');
		if (equals <= 0 || depth > 3) {
			return;
		}
		String rawKey = piece.substring(0, equals);
		// YAML and JSON put a name and a colon before the pair: "db: Server=…"
		int colon = Math.max(rawKey.lastIndexOf(':'), Math.max(rawKey.lastIndexOf('{'), rawKey.lastIndexOf(',')));
		String key = rawKey.substring(colon + 1).strip().replace(" ", "").replace("_", "").toLowerCase(Locale.ROOT);
		String value = piece.substring(equals + 1).strip();
		if (KNOWN_KEYS.contains(key)) {
			pairs.putIfAbsent(key, value);
		}
		else if (value.contains("=")) {
			collect(value, pairs, depth + 1);
		}
	}

}
