package dev.leakpath.api;

import java.util.List;
import java.util.function.ToLongFunction;

import dev.leakpath.sql.ListOrder;
import dev.leakpath.sql.RankCursor;

import org.springframework.lang.Nullable;

/** A page of a listing; {@code nextCursor} is null on the last page. */
record Page<T>(List<T> items, @Nullable String nextCursor) {

	/** Builds a page from up to {@code limit + 1} rows: the extra row only says there is more. */
	static <T> Page<T> of(List<T> rows, int limit, ToLongFunction<T> id) {
		if (rows.size() <= limit) {
			return new Page<>(rows, null);
		}
		List<T> items = rows.subList(0, limit);
		return new Page<>(List.copyOf(items), PageCursor.encode(id.applyAsLong(items.get(limit - 1))));
	}

	/** As {@link #of}, in the list's order: ranked by risk, the cursor holds the last row's score and id. */
	static <T> Page<T> of(List<T> rows, int limit, ListOrder order, ToLongFunction<T> id, ToLongFunction<T> rank) {
		if (!order.byRisk() || rows.size() <= limit) {
			return of(rows, limit, id);
		}
		List<T> items = rows.subList(0, limit);
		T last = items.get(limit - 1);
		return new Page<>(List.copyOf(items),
				PageCursor.encode(new RankCursor(rank.applyAsLong(last), id.applyAsLong(last))));
	}

}
