package dev.leakpath.webhook.ado;

import static dev.leakpath.webhook.DeliveryFields.text;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.ingest.AlertRefresher;
import dev.leakpath.webhook.DeliveryFields;
import dev.leakpath.webhook.InboundDelivery;
import dev.leakpath.webhook.IntakeDecision;
import dev.leakpath.webhook.MalformedDeliveryException;
import dev.leakpath.webhook.WebhookSource;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Azure DevOps service hooks for Advanced Security alerts (publisher {@code advsec}). The delivery names
 * the alert and its repository; the alert is read again from the Advanced Security API.
 */
@Component
class AzureDevOpsWebhookSource implements WebhookSource {

	static final String PROVIDER = "azure_devops";

	private static final Set<String> ALERT_EVENTS = Set.of("ms.vss-alerts.alert-created-event",
			"ms.vss-alerts.alert-state-changed-event", "ms.vss-alerts.alert-updated-event");

	private final BasicCredentials credentials;

	private final AlertRefresher refresher;

	AzureDevOpsWebhookSource(AzureDevOpsWebhookProperties properties, AlertRefresher refresher) {
		this.credentials = StringUtils.hasText(properties.password())
				? new BasicCredentials(properties.username() == null ? "" : properties.username(), properties.password())
				: null;
		this.refresher = refresher;
	}

	@Override
	public String provider() {
		return PROVIDER;
	}

	@Override
	public String path() {
		return "azure-devops";
	}

	@Override
	public Optional<String> disabledReason() {
		return credentials == null
				? Optional.of("Azure DevOps service hooks are off: leakpath.azure-devops.webhook.password is not set")
				: Optional.empty();
	}

	@Override
	public Optional<String> rejectBeforeBody(HttpHeaders headers) {
		return credentials.matches(headers.getFirst(HttpHeaders.AUTHORIZATION)) ? Optional.empty()
				: Optional.of("Basic credentials are missing or wrong");
	}

	private static final int MAX_NAME_LENGTH = 64;

	@Override
	public IntakeDecision decide(HttpHeaders headers, JsonNode payload) throws MalformedDeliveryException {
		String eventType = text(payload, "eventType");
		String publisher = text(payload, "publisherId");
		if (eventType == null) {
			throw new MalformedDeliveryException("eventType is missing");
		}
		if (!ALERT_EVENTS.contains(eventType) || (publisher != null && !"advsec".equals(publisher))) {
			return new IntakeDecision.Ignore("ignored_event",
					"event '" + eventType + "' is not an Advanced Security alert event");
		}
		String deliveryId = deliveryId(payload);
		JsonNode resource = payload.path("resource");
		String alertType = text(resource, "alertType");
		if (alertType != null && !"secret".equalsIgnoreCase(alertType)) {
			return new IntakeDecision.Ignore("ignored_alert_type", "alert type '" + alertType + "' is not secret");
		}
		JsonNode alertId = resource.path("alertId");
		if (!alertId.isIntegralNumber() || !alertId.canConvertToLong() || alertId.asLong() <= 0) {
			throw new MalformedDeliveryException("resource.alertId is missing or not a positive integer");
		}
		HookRepository repository = HookRepository.of(payload);
		// Azure DevOps' own limit for project and repository names (an id is shorter still)
		if (repository.project().length() > MAX_NAME_LENGTH || repository.repository().length() > MAX_NAME_LENGTH) {
			throw new MalformedDeliveryException("the project or repository name is longer than the "
					+ MAX_NAME_LENGTH + " characters Azure DevOps allows");
		}
		Optional<String> scope = scope(repository.organization());
		if (scope.isEmpty()) {
			return new IntakeDecision.Ignore("ignored_organization", repository.organization() == null
					? "the delivery names no organisation and leakpath.azure-devops.organizations has several"
					: "organisation '" + repository.organization() + "' is not in leakpath.azure-devops.organizations");
		}
		return new IntakeDecision.Store(new InboundDelivery(PROVIDER, deliveryId, eventType, text(resource, "state"),
				scope.get(), repository.project() + "/" + repository.repository(), String.valueOf(alertId.asLong()),
				null));
	}

	/**
	 * The configured organisation the delivery belongs to. A delivery that names none (an alert by ids, in the
	 * envelope the docs show) belongs to the one organisation configured, if there is only one.
	 */
	private Optional<String> scope(String organization) {
		if (organization != null) {
			return refresher.configuredScope(PROVIDER, organization);
		}
		List<String> scopes = refresher.configuredScopes(PROVIDER);
		return scopes.size() == 1 ? Optional.of(scopes.get(0)) : Optional.empty();
	}

	/** The event's id; a retried notification carries the same one. */
	private static String deliveryId(JsonNode payload) throws MalformedDeliveryException {
		String id = text(payload, "id");
		if (id == null) {
			String subscription = text(payload, "subscriptionId");
			String notification = text(payload, "notificationId");
			id = subscription == null || notification == null ? null : subscription + ":" + notification;
		}
		return DeliveryFields.deliveryId(id, "the event id (id, or subscriptionId and notificationId)");
	}

}
