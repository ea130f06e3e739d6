package dev.leakpath.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A where clause with only the conditions given, each value bound. A {@code :x is null or col = :x} test
 * instead would leave PostgreSQL's generic plan of the prepared statement scanning whole tables; with only
 * the conditions given, each filter combination gets a plan of its own that can use its index.
 */
public final class SqlConditions {

	private final List<String> conditions = new ArrayList<>();

	private final Map<String, Object> values = new LinkedHashMap<>();

	private SqlConditions() {
	}

	public static SqlConditions of() {
		return new SqlConditions();
	}

	/** {@code condition}, naming {@code :name}, when {@code value} is given; nothing when it is null. */
	public SqlConditions when(Object value, String name, String condition) {
		if (value != null) {
			conditions.add(condition);
			values.put(name, value);
		}
		return this;
	}

	/** {@code column = :name} when {@code value} is given. */
	public SqlConditions equal(String column, String name, Object value) {
		return when(value, name, column + " = :" + name);
	}

	/** {@code column < :name} when {@code value} is given: the keyset cursor of a newest-first listing. */
	public SqlConditions before(String column, String name, Long value) {
		return when(value, name, column + " < :" + name);
	}

	/**
	 * {@code lower(column) like :name}, the value lower-cased between {@code %}s with its own {@code %}, {@code _}
	 * and {@code \} taken literally, when {@code value} is given: a substring search without case, which a
	 * trigram index on {@code lower(column)} answers.
	 */
	public SqlConditions contains(String column, String name, String value) {
		String pattern = value == null ? null
				: "%" + value.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return when(pattern, name, "lower(" + column + ") like :" + name);
	}

	/**
	 * {@code (score, id) < (:rankScore, :rankId)} when {@code cursor} is given: the keyset cursor of a list
	 * ranked by risk, highest first, which an index on {@code (score desc, id desc)} answers.
	 */
	public SqlConditions below(String scoreColumn, String idColumn, RankCursor cursor) {
		if (cursor != null) {
			conditions.add("(" + scoreColumn + ", " + idColumn + ") < (:rankScore, :rankId)");
			values.put("rankScore", cursor.rank());
			values.put("rankId", cursor.id());
		}
		return this;
	}

	/**
	 * {@code (first, second) > (:afterFirst, :afterSecond)} when a cursor is given: the keyset of a list in
	 * ascending order of two columns, which an index on {@code (first, second)} answers.
	 */
	public SqlConditions after(String firstColumn, String secondColumn, Long first, Long second) {
		if (first != null && second != null) {
			conditions.add("(" + firstColumn + ", " + secondColumn + ") > (:afterFirst, :afterSecond)");
			values.put("afterFirst", first);
			values.put("afterSecond", second);
		}
		return this;
	}

	/** {@code column = any(:name)} when {@code values} are given: the organisations a scoped caller sees. */
	public SqlConditions anyOf(String column, String name, Object[] values) {
		return when(values, name, column + " = any(:" + name + ")");
	}

	/** {@code condition}, which binds no value, when it is given; nothing when it is null. */
	public SqlConditions also(String condition) {
		if (condition != null) {
			conditions.add(condition);
		}
		return this;
	}

	/** {@code ifTrue} or {@code ifFalse} as {@code flag} says, nothing when it is null; neither binds a value. */
	public SqlConditions either(Boolean flag, String ifTrue, String ifFalse) {
		if (flag != null) {
			conditions.add(flag ? ifTrue : ifFalse);
		}
		return this;
	}

	/** {@code where ...} and a new line, or nothing. */
	public String where() {
		return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions) + "\n";
	}

	/** {@code and ...} and a new line, for a statement with a where clause of its own, or nothing. */
	public String and() {
		return conditions.isEmpty() ? "" : "and " + String.join(" and ", conditions) + "\n";
	}

	public DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
		for (Map.Entry<String, Object> value : values.entrySet()) {
			spec = spec.bind(value.getKey(), value.getValue());
		}
		return spec;
	}

}
