package dev.leakpath.api;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Refuses a NUL in any string or object key of a request body while it is read, naming the field: strings
 * of records, lists and maps, and every text of a {@link JsonNode} body (explorer queries).
 */
final class NulRejectingModule extends SimpleModule {

	NulRejectingModule() {
		super("nul-rejecting");
		addDeserializer(String.class, new Strings());
		addKeyDeserializer(String.class, new Keys());
		addDeserializer(JsonNode.class, new Trees());
	}

	private static boolean hasNul(String text) {
		return text != null && text.indexOf('\0') >= 0;
	}

	/** Where the parser is: the value just read, or the container just opened. */
	private static JsonPointer here(JsonParser parser) {
		JsonStreamContext context = parser.getParsingContext();
		boolean opened = parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY;
		return (opened && context.getParent() != null ? context.getParent() : context).pathAsPointer();
	}

	private static String name(JsonPointer pointer) {
		String field = pointer.toString();
		return field.isEmpty() ? "/" : field;
	}

	private static final class Strings extends StdScalarDeserializer<String> {

		Strings() {
			super(String.class);
		}

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			String value = StringDeserializer.instance.deserialize(parser, context);
			if (hasNul(value)) {
				throw new NulCharacterException(parser, name(here(parser)));
			}
			return value;
		}

	}

	private static final class Keys extends KeyDeserializer {

		@Override
		public Object deserializeKey(String key, DeserializationContext context) throws IOException {
			if (hasNul(key)) {
				throw new NulCharacterException(context.getParser(), name(here(context.getParser())));
			}
			return key;
		}

	}

	private static final class Trees extends JsonDeserializer<JsonNode> {

		private final JsonDeserializer<? extends JsonNode> trees = JsonNodeDeserializer.getDeserializer(JsonNode.class);

		@Override
		public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			JsonPointer at = here(parser);
			JsonNode tree = trees.deserialize(parser, context);
			check(parser, tree, at);
			return tree;
		}

		@Override
		public JsonNode getNullValue(DeserializationContext context) {
			return context.getNodeFactory().nullNode();
		}

		private static void check(JsonParser parser, JsonNode node, JsonPointer at) throws NulCharacterException {
			if (node.isTextual() && hasNul(node.textValue())) {
				throw new NulCharacterException(parser, name(at));
			}
			if (node.isArray()) {
				for (int index = 0; index < node.size(); index++) {
					check(parser, node.get(index), at.appendIndex(index));
				}
			}
			if (node.isObject()) {
				for (Map.Entry<String, JsonNode> field : node.properties()) {
					JsonPointer fieldAt = at.appendProperty(field.getKey());
					if (hasNul(field.getKey())) {
						throw new NulCharacterException(parser, name(fieldAt));
					}
					check(parser, field.getValue(), fieldAt);
				}
			}
		}

	}

}
