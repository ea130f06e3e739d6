package dev.leakpath.sql;

/**
 * Where the next page of a list ranked by risk starts: below this rank, or at it below this id. The rank is the
 * risk score, or a key that orders by it first (a repository's score and count of open findings).
 */
public record RankCursor(long rank, long id) {
}
