package dev.leakpath.webhook.github;

import static dev.leakpath.webhook.DeliveryFields.text;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.ingest.AlertRefresher;
import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.webhook.DeliveryFields;
import dev.leakpath.webhook.InboundDelivery;
import dev.leakpath.webhook.IntakeDecision;
import dev.leakpath.webhook.MalformedDeliveryException;
import dev.leakpath.webhook.WebhookSource;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * GitHub's {@code secret_scanning_alert} and {@code secret_scanning_alert_location} events. Every action,
 * known or not, leads to the alert being read again: the payload is partial, the REST API is the truth.
 */
@Component
class GitHubWebhookSource implements WebhookSource {

	static final String PROVIDER = "github";

	private static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

	private static final Pattern REPOSITORY_NAME = Pattern.compile("[A-Za-z0-9_.-]+/(?!\\.\\.?$)[A-Za-z0-9_.-]+");

	private static final int MAX_OWNER_LENGTH = 39;

	private static final int MAX_NAME_LENGTH = 100;

	private static final Set<String> ALERT_EVENTS = Set.of("secret_scanning_alert", "secret_scanning_alert_location");

	/** A backfill or custom-pattern scan finished: it may have found alerts no alert event announced. */
	private static final String SCAN_EVENT = "secret_scanning_scan";

	private final GitHubSignature signature;

	private final AlertRefresher refresher;

	GitHubWebhookSource(GitHubWebhookProperties properties, AlertRefresher refresher) {
		this.signature = StringUtils.hasText(properties.webhookSecret()) ? new GitHubSignature(properties.webhookSecret())
				: null;
		this.refresher = refresher;
	}

	@Override
	public String provider() {
		return PROVIDER;
	}

	@Override
	public String path() {
		return "github";
	}

	@Override
	public Optional<String> disabledReason() {
		return signature == null ? Optional.of("GitHub webhooks are off: leakpath.github.webhook-secret is not set")
				: Optional.empty();
	}

	/** An unsigned delivery is refused before its body is read: only a signed one is worth buffering. */
	@Override
	public Optional<String> rejectBeforeBody(HttpHeaders headers) {
		return headers.getFirst(SIGNATURE_HEADER) == null ? Optional.of(SIGNATURE_HEADER + " is missing")
				: Optional.empty();
	}

	@Override
	public Optional<String> rejectBody(HttpHeaders headers, byte[] body) {
		return signature.matches(body, headers.getFirst(SIGNATURE_HEADER)) ? Optional.empty()
				: Optional.of("X-Hub-Signature-256 does not match the body");
	}

	@Override
	public IntakeDecision decide(HttpHeaders headers, JsonNode payload) throws MalformedDeliveryException {
		String event = headers.getFirst("X-GitHub-Event");
		String deliveryId = headers.getFirst("X-GitHub-Delivery");
		if (!StringUtils.hasText(event)) {
			throw new MalformedDeliveryException("X-GitHub-Event is missing");
		}
		if ("ping".equals(event)) {
			return new IntakeDecision.Pong();
		}
		if (SCAN_EVENT.equals(event)) {
			return scanned(payload);
		}
		if (!ALERT_EVENTS.contains(event)) {
			return new IntakeDecision.Ignore("ignored_event", "event '" + event + "' is not a secret-scanning alert event");
		}
		DeliveryFields.deliveryId(deliveryId, "X-GitHub-Delivery");
		JsonNode repository = payload.path("repository");
		String fullName = text(repository, "full_name");
		JsonNode number = payload.path("alert").path("number");
		if (fullName == null || !REPOSITORY_NAME.matcher(fullName).matches()) {
			throw new MalformedDeliveryException("repository.full_name is missing or not owner/name");
		}
		int slash = fullName.indexOf('/');
		// GitHub's own limits: longer is no GitHub repository, and would be stored and retried for nothing
		if (slash > MAX_OWNER_LENGTH || fullName.length() - slash - 1 > MAX_NAME_LENGTH) {
			throw new MalformedDeliveryException("repository.full_name is longer than GitHub allows (an owner of "
					+ MAX_OWNER_LENGTH + " characters, a name of " + MAX_NAME_LENGTH + ")");
		}
		// 1.5 is no alert number, and must not be taken as alert 1
		if (!number.isIntegralNumber() || !number.canConvertToLong() || number.asLong() <= 0) {
			throw new MalformedDeliveryException("alert.number is missing or not a positive integer");
		}
		// a repository's owner is the first part of its full name: GitHub's own location example names no
		// organization and an owner login that differs from it
		String organization = Optional.ofNullable(text(payload.path("organization"), "login"))
			.orElse(fullName.substring(0, fullName.indexOf('/')));
		Optional<String> scope = refresher.configuredScope(PROVIDER, organization);
		if (scope.isEmpty()) {
			return new IntakeDecision.Ignore("ignored_organization",
					"organisation '" + organization + "' is not in leakpath.github.organizations");
		}
		if (!fullName.regionMatches(true, 0, scope.get() + "/", 0, scope.get().length() + 1)) {
			throw new MalformedDeliveryException("repository " + fullName + " is not in organisation " + organization);
		}
		return new IntakeDecision.Store(new InboundDelivery(PROVIDER, deliveryId, event, text(payload, "action"),
				scope.get(), fullName, String.valueOf(number.asLong()), repository(scope.get(), repository)));
	}

	private IntakeDecision scanned(JsonNode payload) throws MalformedDeliveryException {
		if (!"completed".equals(text(payload, "action"))) {
			return new IntakeDecision.Ignore("ignored_event", "secret_scanning_scan action '" + text(payload, "action")
					+ "' is not 'completed'");
		}
		String fullName = text(payload.path("repository"), "full_name");
		String organization = Optional.ofNullable(text(payload.path("organization"), "login"))
			.orElse(fullName != null && fullName.indexOf('/') > 0 ? fullName.substring(0, fullName.indexOf('/')) : null);
		if (organization == null) {
			throw new MalformedDeliveryException("secret_scanning_scan names neither organization nor repository");
		}
		Optional<String> scope = refresher.configuredScope(PROVIDER, organization);
		if (scope.isEmpty()) {
			return new IntakeDecision.Ignore("ignored_organization",
					"organisation '" + organization + "' is not in leakpath.github.organizations");
		}
		return new IntakeDecision.RequestPass(scope.get(), "a " + text(payload, "type") + " scan of "
				+ text(payload, "source") + " completed");
	}

	/** The webhook's repository is the full one: visibility, archived and default branch are known. */
	private static NormalizedRepository repository(String organization, JsonNode repository) {
		String fullName = text(repository, "full_name");
		String visibility = text(repository, "visibility");
		if (visibility == null && repository.path("private").isBoolean()) {
			visibility = repository.path("private").asBoolean() ? null : "public";
		}
		JsonNode archived = repository.path("archived");
		boolean complete = text(repository, "visibility") != null && archived.isBoolean();
		String name = text(repository, "name");
		return new NormalizedRepository(PROVIDER, organization, null,
				name != null ? name : fullName.substring(fullName.indexOf('/') + 1), fullName, text(repository, "id"),
				text(repository, "html_url"), visibility, archived.isBoolean() ? archived.asBoolean() : null,
				text(repository, "default_branch"), complete);
	}

}
