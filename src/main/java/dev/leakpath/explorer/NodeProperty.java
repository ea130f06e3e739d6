package dev.leakpath.explorer;

import java.util.Set;

/**
 * A property of a node family that queries can test.
 *
 * @param sql the expression, with {@code {n}} for the node's table alias
 * @param bool whether it is a boolean (otherwise text)
 * @param values the values it can take, when it is an enumeration; empty otherwise
 */
record NodeProperty(String name, String sql, boolean bool, Set<String> values) {

	static NodeProperty text(String name, String sql) {
		return new NodeProperty(name, sql, false, Set.of());
	}

	static NodeProperty oneOf(String name, String sql, Set<String> values) {
		return new NodeProperty(name, sql, false, values);
	}

	static NodeProperty bool(String name, String sql) {
		return new NodeProperty(name, sql, true, Set.of());
	}

	String on(String alias) {
		return sql.replace("{n}", alias);
	}

}
