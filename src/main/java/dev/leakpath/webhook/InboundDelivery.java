package dev.leakpath.webhook;

import dev.leakpath.model.AlertReference;
import dev.leakpath.model.NormalizedRepository;

/**
 * A verified webhook delivery that names an alert: what the inbox stores. The payload itself is not kept,
 * since it may carry the raw secret.
 *
 * @param deliveryId the sender's id of the delivery; a redelivery carries the same one
 */
public record InboundDelivery(String provider, String deliveryId, String event, String action, String scope,
		String repository, String alertId, NormalizedRepository repositoryHint) {

	AlertReference reference() {
		return new AlertReference(scope, repository, alertId, repositoryHint);
	}

}
