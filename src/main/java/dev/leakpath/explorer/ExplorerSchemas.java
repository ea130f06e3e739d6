package dev.leakpath.explorer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;

import dev.leakpath.graph.GraphEdge;
import dev.leakpath.graph.GraphNode;

/**
 * The explorer's query and the graph's node properties as schemas of the OpenAPI document, made from what the
 * parser checks (families, properties, operators, edges, bounds), so that the document says what a query may
 * hold and cannot drift from it.
 */
public final class ExplorerSchemas {

	public static final String QUERY = "ExplorerQuery";

	public static final String QUERY_REF = "#/components/schemas/" + QUERY;

	private static final String NODE = "ExplorerNode";

	private static final String CONDITION = "ExplorerCondition";

	private static final String CONNECTION = "ExplorerConnection";

	private ExplorerSchemas() {
	}

	/** The schemas by name: the query, its parts, and the properties a graph node can carry. */
	@SuppressWarnings("rawtypes")
	public static Map<String, Schema> components() {
		Map<String, Schema> schemas = new LinkedHashMap<>();
		schemas.put(QUERY, object("A graph query: the source nodes to list, and the connections they must have")
			.addProperty("source", ref(NODE))
			.addProperty("limit", orNull(integer("Source nodes to list, 1 to " + ExplorerQueryParser.MAX_LIMIT
					+ " (default " + ExplorerQueryParser.DEFAULT_LIMIT + ")", 1, ExplorerQueryParser.MAX_LIMIT)))
			.required(List.of("source")));
		schemas.put(NODE, node());
		schemas.put(CONDITION, condition());
		schemas.put(CONNECTION, object("An edge the node must have, and the node at its other end")
			.addProperty("edge", choice("The edge to follow", List.of(GraphEdge.CONTAINS, GraphEdge.CAN_AUTHENTICATE_TO,
					GraphEdge.AUTHENTICATES_AS, GraphEdge.CAN_ACCESS)))
			.addProperty("direction",
					orNull(choice("outgoing (the default: repository to secret, secret to cloudResource or identity, identity to "
							+ "cloudResource) or incoming",
							List.of("outgoing", "incoming"))))
			.addProperty("target", ref(NODE))
			.required(List.of("edge", "target")));
		schemas.put(GraphNode.PROPERTIES_SCHEMA, nodeProperties());
		return schemas;
	}

	@SuppressWarnings("rawtypes")
	private static Schema node() {
		List<String> families = Arrays.stream(NodeFamily.values()).map(NodeFamily::wireName).toList();
		StringBuilder described = new StringBuilder("Nodes of one family; the conditions a node can test:");
		for (NodeFamily family : NodeFamily.values()) {
			described.append(' ').append(family.wireName()).append(": ").append(String.join(", ", family.properties().keySet()))
				.append(';');
		}
		return object(described.substring(0, described.length() - 1))
			.addProperty("family", choice("The node family", families))
			.addProperty("types", orNull(array(text("A type").minLength(1).maxLength(ExplorerQueryParser.MAX_TEXT),
					"The family's types to keep (provider, secret type or resource type); empty or absent: any",
					ExplorerQueryParser.MAX_VALUES)))
			.addProperty("conditions", orNull(array(ref(CONDITION), "Conditions the node meets, all of them",
					ExplorerQueryParser.MAX_CONDITIONS)))
			.addProperty("connections",
					orNull(array(ref(CONNECTION), "Connections the node has, all of them; at most "
							+ ExplorerQueryParser.MAX_DEPTH + " deep and " + ExplorerQueryParser.MAX_NODES
							+ " nodes in a query", ExplorerQueryParser.MAX_NODES)))
			.required(List.of("family"));
	}

	@SuppressWarnings("rawtypes")
	private static Schema condition() {
		TreeSet<String> properties = new TreeSet<>();
		for (NodeFamily family : NodeFamily.values()) {
			properties.addAll(family.properties().keySet());
		}
		List<String> operators = Arrays.stream(ExplorerQuery.Operator.values()).map(ExplorerQuery.Operator::wireName).toList();
		// untyped, with the three forms said in words: openapi-generator's Java client can neither compile a oneOf
		// holding an array nor read a schema of three types; the parser names any other value as a 400
		Schema value = new JsonSchema().description("true or false for a boolean property (equals, notEquals); a "
				+ "non-empty array of at most " + ExplorerQueryParser.MAX_VALUES + " strings for in; a string otherwise; "
				+ "each string 1 to " + ExplorerQueryParser.MAX_TEXT + " characters");
		return object("A test on a property of the node's family")
			.addProperty("property", choice("A property of the node's family", new ArrayList<>(properties)))
			.addProperty("operator", choice("contains is a text match without case", operators))
			.addProperty("value", value)
			.required(List.of("property", "operator", "value"));
	}

	/** Every property a node of the explorer or of an attack path can carry, null where its row has none. */
	@SuppressWarnings("rawtypes")
	private static Schema nodeProperties() {
		Map<String, Boolean> booleans = new LinkedHashMap<>();
		for (NodeFamily family : NodeFamily.values()) {
			family.properties().values().forEach(property -> booleans.putIfAbsent(property.name(), property.bool()));
		}
		// an attack path's secret node says whether the provider found the secret still valid
		booleans.putIfAbsent("active", true);
		// an attack path's identity node says how it may access the path's target, whether that is assumed, and
		// which policies, role assignments or bindings give it
		booleans.putIfAbsent("accessLevel", false);
		booleans.putIfAbsent("assumed", true);
		booleans.putIfAbsent("reason", false);
		Schema properties = object("The node's properties: those of its family (see ExplorerNode), each null where "
				+ "the node has no value").additionalProperties(false);
		booleans.forEach((name, bool) -> properties.addProperty(name,
				orNull(bool ? new JsonSchema().typesItem("boolean") : new JsonSchema().typesItem("string"))));
		return properties;
	}

	@SuppressWarnings("rawtypes")
	private static Schema object(String description) {
		return new JsonSchema().typesItem("object").description(description);
	}

	@SuppressWarnings("rawtypes")
	private static Schema text(String description) {
		return new JsonSchema().typesItem("string").description(description);
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema choice(String description, List<String> values) {
		return text(description)._enum(new ArrayList<Object>(values));
	}

	@SuppressWarnings("rawtypes")
	private static Schema integer(String description, int minimum, int maximum) {
		return new JsonSchema().typesItem("integer")
			.description(description)
			.minimum(BigDecimal.valueOf(minimum))
			.maximum(BigDecimal.valueOf(maximum));
	}

	@SuppressWarnings("rawtypes")
	private static Schema array(Schema items, String description, int maxItems) {
		return new JsonSchema().typesItem("array").description(description).items(items).maxItems(maxItems);
	}

	@SuppressWarnings("rawtypes")
	private static Schema ref(String name) {
		return new JsonSchema().$ref("#/components/schemas/" + name);
	}

	@SuppressWarnings("rawtypes")
	private static Schema orNull(Schema schema) {
		schema.addType("null");
		if (schema.getEnum() != null) {
			List<Object> values = new ArrayList<>(schema.getEnum());
			values.add(null);
			schema.setEnum(values);
		}
		return schema;
	}

}
