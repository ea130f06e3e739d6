package dev.leakpath.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.leakpath.sql.RankCursor;

/**
 * The opaque {@code cursor} of paged listings: the id below which the next page starts, or, in a list ranked
 * by risk, the score and id.
 */
final class PageCursor {

	private static final String PREFIX = "v1:";

	private static final String RANKED = "r1:";

	private PageCursor() {
	}

	static String encode(long beforeId) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + beforeId).getBytes(StandardCharsets.UTF_8));
	}

	static String encode(RankCursor below) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((RANKED + below.rank() + ":" + below.id()).getBytes(StandardCharsets.UTF_8));
	}

	/** A cursor of a list ranked by risk; null when none is given. */
	static RankCursor decodeRanked(String cursor) {
		if (cursor == null) {
			return null;
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (decoded.startsWith(RANKED)) {
				String[] parts = decoded.substring(RANKED.length()).split(":", -1);
				if (parts.length == 2) {
					return new RankCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw ApiProblemException.badRequest("cursor is not one this API returned for sort=risk");
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
