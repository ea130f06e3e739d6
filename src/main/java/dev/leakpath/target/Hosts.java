package dev.leakpath.target;

import java.util.Locale;

/** Host names as targets and assets carry them, so that the two compare equal. */
public final class Hosts {

	private Hosts() {
	}

	/** Lower case, no scheme, port, trailing dot or {@code tcp:} prefix. */
	public static String normalise(String rawHost) {
		String host = rawHost.strip().toLowerCase(Locale.ROOT);
		host = host.replaceFirst("^[a-z]+:(//)?", "");
		int slash = host.indexOf('/');
		if (slash >= 0) {
			host = host.substring(0, slash);
		}
		int at = host.lastIndexOf('@');
		if (at >= 0) {
			host = host.substring(at + 1);
		}
		host = host.replaceFirst("[,:]\\d+$", "");
		return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
	}

}
