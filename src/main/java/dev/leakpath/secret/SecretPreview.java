package dev.leakpath.secret;

/**
 * A masked preview that lets a person recognise a credential ({@code ghp_…a1B2}) without being able to
 * use it. Short values show less; key blocks show only their header line.
 */
final class SecretPreview {

	private static final String ELLIPSIS = "…";

	private SecretPreview() {
	}

	static String of(RawSecret secret) {
		String value = secret.value();
		if (value.startsWith("-----BEGIN ")) {
			String firstLine = value.lines().findFirst().orElse("");
			int endOfHeader = firstLine.indexOf("-----", "-----BEGIN ".length());
			return (endOfHeader > 0 ? firstLine.substring(0, endOfHeader + 5) : "-----BEGIN") + ELLIPSIS;
		}
		int shown = value.length() >= 20 ? 4 : value.length() >= 10 ? 2 : 0;
		if (shown == 0) {
			return ELLIPSIS;
		}
		return value.substring(0, shown) + ELLIPSIS + value.substring(value.length() - shown);
	}

}
