package dev.leakpath.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque {@code cursor} of paged listings: the id below which the next page starts. */
final class PageCursor {

	private static final String PREFIX = "v1:";

	private PageCursor() {
	}

	static String encode(long beforeId) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + beforeId).getBytes(StandardCharsets.UTF_8));
	}

	static Long decode(String cursor) {
		if (cursor == null) {
			return null;
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (decoded.startsWith(PREFIX)) {
				long id = Long.parseLong(decoded.substring(PREFIX.length()));
				if (id > 0) {
					return id;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw ApiProblemException.badRequest("cursor is not one this API returned");
	}

}
