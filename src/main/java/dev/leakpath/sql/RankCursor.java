package dev.leakpath.sql;

/** Where the next page of a list ranked by risk starts: below this score, or at it below this id. */
public record RankCursor(int score, long id) {
}
