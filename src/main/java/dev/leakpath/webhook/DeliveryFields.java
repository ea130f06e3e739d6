package dev.leakpath.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the few fields of a delivery that leakpath needs. */
public final class DeliveryFields {

	/** Longer delivery ids are refused: no sender uses them, and the inbox keys on them. */
	private static final int MAX_DELIVERY_ID_LENGTH = 200;

	private DeliveryFields() {
	}

	/** A field's value as text; null when it is absent, null, blank or not a value. */
	public static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
	}

	/** The delivery id, checked: present and of a sane length. */
	public static String deliveryId(String id, String source) throws MalformedDeliveryException {
		if (id == null || id.isBlank() || id.length() > MAX_DELIVERY_ID_LENGTH) {
			throw new MalformedDeliveryException(source + " is missing or longer than " + MAX_DELIVERY_ID_LENGTH
					+ " characters");
		}
		return id;
	}

}
