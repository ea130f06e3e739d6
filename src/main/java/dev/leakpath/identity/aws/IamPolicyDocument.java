package dev.leakpath.identity.aws;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A parsed IAM policy document, identity-based or resource-based. Every element that may be a string or a list
 * (IAM User Guide, "IAM JSON policy elements reference") is read as a list; a {@code Principal} of {@code "*"} is
 * everyone, as is {@code {"AWS": "*"}}. A document that is not a policy is refused.
 */
public record IamPolicyDocument(List<IamStatement> statements) {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	public IamPolicyDocument {
		statements = List.copyOf(statements);
	}

	/** @throws IllegalArgumentException when the text is not a policy document (its content is not repeated) */
	public static IamPolicyDocument parse(String json) {
		JsonNode document;
		try {
			document = MAPPER.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Not an IAM policy document: not JSON");
		}
		if (document == null || !document.isObject() || !document.has("Statement")) {
			throw new IllegalArgumentException("Not an IAM policy document: no Statement");
		}
		List<IamStatement> statements = new ArrayList<>();
		for (JsonNode statement : list(document.get("Statement"))) {
			statements.add(statement(statement));
		}
		return new IamPolicyDocument(statements);
	}

	private static IamStatement statement(JsonNode statement) {
		String effect = statement.path("Effect").asText();
		if (!effect.equals("Allow") && !effect.equals("Deny")) {
			throw new IllegalArgumentException("Not an IAM policy document: Effect must be Allow or Deny");
		}
		boolean notAction = !statement.has("Action") && statement.has("NotAction");
		boolean notResource = !statement.has("Resource") && statement.has("NotResource");
		List<String> principals = new ArrayList<>();
		JsonNode principal = statement.path("Principal");
		if (principal.isTextual()) {
			principals.add(principal.asText());
		}
		else {
			texts(principal.path("AWS"), principals);
		}
		return new IamStatement(effect.equals("Allow"), texts(statement.get(notAction ? "NotAction" : "Action")),
				notAction, texts(statement.get(notResource ? "NotResource" : "Resource")), notResource, principals,
				statement.has("Condition") || statement.has("NotPrincipal"));
	}

	private static List<JsonNode> list(JsonNode node) {
		List<JsonNode> items = new ArrayList<>();
		if (node != null && node.isArray()) {
			node.forEach(items::add);
		}
		else if (node != null && !node.isNull() && !node.isMissingNode()) {
			items.add(node);
		}
		return items;
	}

	private static List<String> texts(JsonNode node) {
		List<String> texts = new ArrayList<>();
		texts(node, texts);
		return texts;
	}

	private static void texts(JsonNode node, List<String> into) {
		for (JsonNode item : list(node)) {
			if (item.isTextual()) {
				into.add(item.asText());
			}
		}
	}

}
