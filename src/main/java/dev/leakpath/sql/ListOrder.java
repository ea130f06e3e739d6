package dev.leakpath.sql;

/**
 * How a keyset-paged list is ordered and where its page starts: newest first (below an id), or ranked by risk,
 * highest score first and newest first within a score (below a score and id).
 */
public record ListOrder(boolean byRisk, Long beforeId, RankCursor below) {

	public static ListOrder newest(Long beforeId) {
		return new ListOrder(false, beforeId, null);
	}

	public static ListOrder risk(RankCursor below) {
		return new ListOrder(true, null, below);
	}

	/** Adds the page's start to {@code where}. */
	public SqlConditions start(SqlConditions where, String scoreColumn, String idColumn) {
		return byRisk ? where.below(scoreColumn, idColumn, below) : where.before(idColumn, "beforeId", beforeId);
	}

	/** The {@code order by} clause, with a new line. */
	public String orderBy(String scoreColumn, String idColumn) {
		return byRisk ? "order by " + scoreColumn + " desc, " + idColumn + " desc\n" : "order by " + idColumn + " desc\n";
	}

}
