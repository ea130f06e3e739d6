package dev.leakpath.explorer;

import java.util.List;

/** A validated explorer query: nodes of one family that meet conditions and have the given connections. */
record ExplorerQuery(Node source, int limit) {

	record Node(NodeFamily family, List<String> types, List<Condition> conditions, List<Connection> connections) {
	}

	/** {@code value} is a String or Boolean, or a List of Strings for {@link Operator#IN}. */
	record Condition(NodeProperty property, Operator operator, Object value) {
	}

	record Connection(GraphConnection via, Node target) {
	}

	enum Operator {

		EQUALS("equals"), NOT_EQUALS("notEquals"), IN("in"), CONTAINS("contains");

		private final String wireName;

		Operator(String wireName) {
			this.wireName = wireName;
		}

		String wireName() {
			return wireName;
		}

	}

}
