package dev.leakpath.webhook;

import java.util.Arrays;

import dev.leakpath.model.NormalizedRepository;

/**
 * Checks that PostgreSQL will store every field of a delivery, before the insert: it refuses NUL in text
 * and in jsonb, and one refused row would fail the group commit of every delivery inserted with it.
 * Lengths are bounded too, far above what any provider sends, so a sender cannot fill the inbox with
 * megabytes per row.
 */
final class StorableDelivery {

	private static final int MAX_NAME_LENGTH = 200;

	private static final int MAX_PATH_LENGTH = 1000;

	private StorableDelivery() {
	}

	static void check(InboundDelivery delivery) throws MalformedDeliveryException {
		text("the event", delivery.event(), MAX_NAME_LENGTH);
		text("the action", delivery.action(), MAX_NAME_LENGTH);
		text("the delivery id", delivery.deliveryId(), MAX_NAME_LENGTH);
		text("the organisation", delivery.scope(), MAX_NAME_LENGTH);
		text("the repository", delivery.repository(), MAX_PATH_LENGTH);
		text("the alert id", delivery.alertId(), MAX_NAME_LENGTH);
		NormalizedRepository hint = delivery.repositoryHint();
		if (hint != null) {
			for (String field : Arrays.asList(hint.organization(), hint.project(), hint.name(), hint.fullName(),
					hint.providerRepoId(), hint.visibility(), hint.defaultBranch())) {
				text("a repository field", field, MAX_PATH_LENGTH);
			}
			text("the repository url", hint.url(), 2 * MAX_PATH_LENGTH);
		}
	}

	private static void text(String name, String value, int maxLength) throws MalformedDeliveryException {
		if (value == null) {
			return;
		}
		if (value.length() > maxLength) {
			throw new MalformedDeliveryException(name + " is longer than " + maxLength + " characters");
		}
		if (value.indexOf('\u0000') >= 0) {
			// the message names the field only: the value is the sender's and may be anything
			throw new MalformedDeliveryException(name + " contains a NUL character");
		}
	}

}
