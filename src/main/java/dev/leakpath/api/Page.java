package dev.leakpath.api;

import java.util.List;
import java.util.function.ToLongFunction;

/** A page of a listing; {@code nextCursor} is null on the last page. */
record Page<T>(List<T> items, String nextCursor) {

	/** Builds a page from up to {@code limit + 1} rows: the extra row only says there is more. */
	static <T> Page<T> of(List<T> rows, int limit, ToLongFunction<T> id) {
		if (rows.size() <= limit) {
			return new Page<>(rows, null);
		}
		List<T> items = rows.subList(0, limit);
		return new Page<>(List.copyOf(items), PageCursor.encode(id.applyAsLong(items.get(limit - 1))));
	}

}
