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
		String[] parts = payload(cursor, RANKED, "cursor is not one this API returned for sort=risk").split(":", -1);
		try {
			if (parts.length == 2) {
				return new RankCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw ApiProblemException.badRequest("cursor is not one this API returned for sort=risk");
	}

	static Long decode(String cursor) {
		if (cursor == null) {
			return null;
		}
		String payload = payload(cursor, PREFIX, "cursor is not one this API returned");
		try {
			long id = Long.parseLong(payload);
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw ApiProblemException.badRequest("cursor is not one this API returned");
	}

	/** What follows {@code prefix} in the decoded cursor; a 400 with {@code problem} when it is not such a cursor. */
	private static String payload(String cursor, String prefix, String problem) {
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (decoded.startsWith(prefix)) {
				return decoded.substring(prefix.length());
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw ApiProblemException.badRequest(problem);
	}

}
