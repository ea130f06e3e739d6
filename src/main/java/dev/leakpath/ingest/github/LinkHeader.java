package dev.leakpath.ingest.github;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code rel="next"} target of a GitHub {@code link} header. */
final class LinkHeader {

	private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"([^\"]+)\"");

	private LinkHeader() {
	}

	static String next(String header) {
		if (header == null) {
			return null;
		}
		Matcher matcher = LINK.matcher(header);
		while (matcher.find()) {
			for (String rel : matcher.group(2).split("\\s+")) {
				if ("next".equals(rel)) {
					return matcher.group(1);
				}
			}
		}
		return null;
	}

}
