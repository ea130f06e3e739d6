package dev.leakpath.explorer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.leakpath.explorer.ExplorerQuery.Condition;
import dev.leakpath.explorer.ExplorerQuery.Connection;
import dev.leakpath.explorer.ExplorerQuery.Node;
import dev.leakpath.explorer.ExplorerQuery.Operator;

/**
 * Reads and checks an explorer query. Every problem is reported with the place it is at
 * ({@code source.connections[0].target.family}), and the bounds keep any query cheap enough to run.
 */
final class ExplorerQueryParser {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 500;

	/** Connections below the source node, at most. */
	static final int MAX_DEPTH = 3;

	static final int MAX_NODES = 8;

	static final int MAX_CONDITIONS = 10;

	static final int MAX_VALUES = 100;

	static final int MAX_TEXT = 200;

	private static final Set<String> QUERY_FIELDS = Set.of("source", "limit");

	private static final Set<String> NODE_FIELDS = Set.of("family", "types", "conditions", "connections");

	private static final Set<String> CONDITION_FIELDS = Set.of("property", "operator", "value");

	private static final Set<String> CONNECTION_FIELDS = Set.of("edge", "direction", "target");

	private int nodes;

	private ExplorerQueryParser() {
	}

	static ExplorerQuery parse(JsonNode json) {
		if (json == null || !json.isObject()) {
			throw invalid("the query must be a JSON object with a 'source' node");
		}
		fields(json, QUERY_FIELDS, "query");
		int limit = DEFAULT_LIMIT;
		JsonNode limitNode = json.get("limit");
		if (limitNode != null && !limitNode.isNull()) {
			if (!limitNode.canConvertToInt() || !limitNode.isIntegralNumber() || limitNode.asInt() < 1
					|| limitNode.asInt() > MAX_LIMIT) {
				throw invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
			}
			limit = limitNode.asInt();
		}
		return new ExplorerQuery(new ExplorerQueryParser().node(json.get("source"), "source", 0), limit);
	}

	private Node node(JsonNode json, String at, int depth) {
		if (json == null || !json.isObject()) {
			throw invalid(at + " must be an object with a 'family'");
		}
		if (++nodes > MAX_NODES) {
			throw invalid("a query may name at most " + MAX_NODES + " nodes");
		}
		fields(json, NODE_FIELDS, at);
		String familyName = text(json.get("family"), at + ".family");
		NodeFamily family = NodeFamily.fromWireName(familyName);
		if (family == null) {
			throw invalid(at + ".family '" + familyName + "' is not one of " + names(NodeFamily.values()));
		}
		List<String> types = texts(json.get("types"), at + ".types");
		List<Condition> conditions = new ArrayList<>();
		JsonNode conditionsJson = array(json.get("conditions"), at + ".conditions", MAX_CONDITIONS);
		for (int index = 0; index < conditionsJson.size(); index++) {
			conditions.add(condition(family, conditionsJson.get(index), at + ".conditions[" + index + "]"));
		}
		List<Connection> connections = new ArrayList<>();
		JsonNode connectionsJson = array(json.get("connections"), at + ".connections", MAX_NODES);
		if (!connectionsJson.isEmpty() && depth >= MAX_DEPTH) {
			throw invalid(at + ": connections may nest at most " + MAX_DEPTH + " deep");
		}
		for (int index = 0; index < connectionsJson.size(); index++) {
			connections.add(connection(family, connectionsJson.get(index), at + ".connections[" + index + "]", depth));
		}
		return new Node(family, types, conditions, connections);
	}

	private static Condition condition(NodeFamily family, JsonNode json, String at) {
		if (json == null || !json.isObject()) {
			throw invalid(at + " must be an object with 'property', 'operator' and 'value'");
		}
		fields(json, CONDITION_FIELDS, at);
		String name = text(json.get("property"), at + ".property");
		NodeProperty property = family.properties().get(name);
		if (property == null) {
			throw invalid(at + ".property '" + name + "' is not a property of " + family.wireName() + "; it has "
					+ new TreeSet<>(family.properties().keySet()));
		}
		String operatorName = text(json.get("operator"), at + ".operator");
		Operator operator = Arrays.stream(Operator.values())
			.filter(candidate -> candidate.wireName().equals(operatorName))
			.findFirst()
			.orElseThrow(() -> invalid(at + ".operator '" + operatorName + "' is not one of "
					+ Arrays.stream(Operator.values()).map(Operator::wireName).toList()));
		JsonNode value = json.get("value");
		if (property.bool()) {
			if (operator != Operator.EQUALS && operator != Operator.NOT_EQUALS) {
				throw invalid(at + ": " + name + " is true or false; use equals or notEquals");
			}
			if (value == null || !value.isBoolean()) {
				throw invalid(at + ".value must be true or false");
			}
			return new Condition(property, operator, value.booleanValue());
		}
		if (operator == Operator.IN) {
			List<String> values = texts(value, at + ".value");
			if (values.isEmpty()) {
				throw invalid(at + ".value must be a non-empty array of strings for 'in'");
			}
			values.forEach(one -> allowed(property, one, at));
			return new Condition(property, operator, values);
		}
		String text = text(value, at + ".value");
		if (operator != Operator.CONTAINS) {
			allowed(property, text, at);
		}
		return new Condition(property, operator, text);
	}

	private Connection connection(NodeFamily from, JsonNode json, String at, int depth) {
		if (json == null || !json.isObject()) {
			throw invalid(at + " must be an object with 'edge' and 'target'");
		}
		fields(json, CONNECTION_FIELDS, at);
		String edge = text(json.get("edge"), at + ".edge");
		String direction = json.hasNonNull("direction") ? text(json.get("direction"), at + ".direction") : "outgoing";
		if (!direction.equals("outgoing") && !direction.equals("incoming")) {
			throw invalid(at + ".direction must be 'outgoing' or 'incoming'");
		}
		GraphConnection via = GraphConnection.find(from, edge, direction.equals("outgoing"));
		if (via == null) {
			throw invalid(at + ": a " + from.wireName() + " has no " + direction + " '" + edge + "' edge; it has "
					+ Arrays.stream(GraphConnection.values())
						.filter(candidate -> candidate.from() == from)
						.map(candidate -> (candidate.outgoing() ? "outgoing " : "incoming ") + candidate.edge() + " to "
								+ candidate.to().wireName())
						.toList());
		}
		Node target = node(json.get("target"), at + ".target", depth + 1);
		if (target.family() != via.to()) {
			throw invalid(at + ".target.family must be " + via.to().wireName() + " for a " + direction + " '" + edge
					+ "' edge from a " + from.wireName());
		}
		return new Connection(via, target);
	}

	private static void allowed(NodeProperty property, String value, String at) {
		if (!property.values().isEmpty() && !property.values().contains(value.toLowerCase(Locale.ROOT))) {
			throw invalid(at + ".value '" + value + "' is not one of " + new TreeSet<>(property.values()));
		}
	}

	private static void fields(JsonNode json, Set<String> allowed, String at) {
		Iterator<String> names = json.fieldNames();
		while (names.hasNext()) {
			String name = names.next();
			if (!allowed.contains(name)) {
				throw invalid(at + ": unknown field '" + name + "'; allowed: " + new TreeSet<>(allowed));
			}
		}
	}

	private static JsonNode array(JsonNode json, String at, int max) {
		if (json == null || json.isNull()) {
			return JsonNodeFactory.instance.arrayNode();
		}
		if (!json.isArray()) {
			throw invalid(at + " must be an array");
		}
		if (json.size() > max) {
			throw invalid(at + " may hold at most " + max + " entries");
		}
		return json;
	}

	private static List<String> texts(JsonNode json, String at) {
		List<String> texts = new ArrayList<>();
		JsonNode array = array(json, at, MAX_VALUES);
		for (int index = 0; index < array.size(); index++) {
			texts.add(text(array.get(index), at + "[" + index + "]"));
		}
		return texts;
	}

	private static String text(JsonNode json, String at) {
		if (json == null || !json.isTextual() || json.asText().isBlank()) {
			throw invalid(at + " must be a non-empty string");
		}
		if (json.asText().length() > MAX_TEXT) {
			throw invalid(at + " must be at most " + MAX_TEXT + " characters");
		}
		return json.asText();
	}

	private static List<String> names(NodeFamily[] families) {
		return Arrays.stream(families).map(NodeFamily::wireName).toList();
	}

	private static InvalidExplorerQueryException invalid(String message) {
		return new InvalidExplorerQueryException(message);
	}

}
