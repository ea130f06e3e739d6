package dev.leakpath.sql;

/**
 * Where the next page of a list ranked by risk starts: below this rank, or at it below this id. The rank is the
 * risk score, or a key that orders by it first (a repository's score and count of open findings).
 */
public record RankCursor(long rank, long id) {

	/**
	 * The rank of a score with a count breaking its ties, as the tables keep it in a generated {@code rank} column
	 * ({@code risk_score * 1000000 + least(count, 999999)}).
	 */
	public static long rank(int score, long count) {
		return score * 1_000_000L + Math.min(count, 999_999L);
	}

}
