package dev.leakpath.notify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.leakpath.settings.InvalidSettingException;

import org.springframework.stereotype.Component;

/**
 * The rules: those in config, checked at start-up (a rule naming an unknown event or channel, a channel that is
 * not set up, or a recipient that is not an e-mail address, stops the application with one line saying so), and
 * those added through the API, checked the same way when they are added. Says which deliveries an event calls for.
 */
@Component
class NotificationRules {

	private static final String SETTING = "leakpath.notifications.rules";

	static final List<String> EVENTS = List.of("alert_opened", "secret_valid", "attack_path_opened",
			"attack_path_escalated", "alert_sla_breached");

	static final List<String> RISKS = List.of("low", "medium", "high", "critical");

	private final List<NotificationRule> configured;

	private final Set<String> channels = new LinkedHashSet<>();

	NotificationRules(NotificationProperties properties, List<NotificationPublisher> publishers) {
		publishers.stream().filter(NotificationPublisher::configured).forEach(publisher -> channels.add(publisher.channel()));
		Set<String> names = new LinkedHashSet<>();
		for (NotificationRule rule : properties.rules()) {
			try {
				check(rule);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSettingException(SETTING, "holds a wrong rule: " + ex.getMessage());
			}
			if (!names.add(rule.name())) {
				throw new InvalidSettingException(SETTING, "has two rules named '" + rule.name() + "'");
			}
		}
		this.configured = properties.rules();
	}

	/** The rules from config, first in every evaluation. */
	List<NotificationRule> configured() {
		return configured;
	}

	/** Throws an {@link IllegalArgumentException} saying what is wrong with the rule. */
	void check(NotificationRule rule) {
		if (rule.name() == null || rule.name().isBlank() || rule.name().length() > 100) {
			throw new IllegalArgumentException("every rule needs a name of 1 to 100 characters");
		}
		String where = "rule '" + rule.name() + "': ";
		for (String event : rule.events()) {
			if (!EVENTS.contains(event)) {
				throw new IllegalArgumentException(where + "unknown event '" + event + "'; known: " + EVENTS);
			}
		}
		if (rule.minRisk() != null && !RISKS.contains(rule.minRisk())) {
			throw new IllegalArgumentException(where + "min-risk must be one of " + RISKS);
		}
		if (!List.of(NotificationRule.IMMEDIATE, NotificationRule.DIGEST).contains(rule.delivery())) {
			throw new IllegalArgumentException(where + "delivery must be immediate or digest");
		}
		if (rule.channels().isEmpty()) {
			throw new IllegalArgumentException(where + "names no channel");
		}
		for (String channel : rule.channels()) {
			if (!channels.contains(channel)) {
				throw new IllegalArgumentException(where + "channel '" + channel + "' is not set up; set up: " + channels);
			}
		}
		try {
			RuleRecipients.check(rule.recipients());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + ex.getMessage());
		}
	}

	/** One delivery per channel and recipient that one of the rules asks for, the first rule naming it. */
	static List<Delivery> deliveries(List<NotificationRule> rules, PlannedEvent event) {
		List<Delivery> deliveries = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (NotificationRule rule : rules) {
			if (!matches(rule, event)) {
				continue;
			}
			for (String channel : rule.channels()) {
				for (String recipient : recipients(rule, channel, event)) {
					if (seen.add(channel + "\n" + recipient)) {
						deliveries.add(new Delivery(event.id(), rule.name(), channel, recipient, rule.digest()));
					}
				}
			}
		}
		return deliveries;
	}

	private static boolean matches(NotificationRule rule, PlannedEvent event) {
		// attack-path events carry the path's risk, deadline breaches the alert's severity
		boolean ranked = event.riskLevel() != null;
		return (rule.events().isEmpty() || rule.events().contains(event.kind()))
				&& (rule.minRisk() == null || !ranked
						|| RISKS.indexOf(event.riskLevel()) >= RISKS.indexOf(rule.minRisk()))
				&& (rule.providers().isEmpty() || rule.providers().contains(event.provider()))
				&& (rule.organizations().isEmpty() || rule.organizations().contains(event.organization()))
				&& (rule.repositories().isEmpty() || rule.repositories().contains(event.repository()));
	}

	/** E-mail goes to addresses; a chat or webhook channel is one destination, named after itself. */
	private static List<String> recipients(NotificationRule rule, String channel, PlannedEvent event) {
		if (!channel.equals(EmailPublisher.CHANNEL)) {
			return List.of(channel);
		}
		List<String> addresses = new ArrayList<>();
		for (String recipient : rule.recipients()) {
			if (recipient.equals(NotificationRule.OWNERS)) {
				event.owners().stream().filter(NotificationRules::isEmailAddress).forEach(addresses::add);
			}
			else if (isEmailAddress(recipient)) {
				addresses.add(recipient);
			}
		}
		return addresses;
	}

	/** {@code @org/team} and {@code @user} are code-host handles, not addresses. */
	static boolean isEmailAddress(String owner) {
		int at = owner.indexOf('@');
		return at > 0 && at < owner.length() - 1 && owner.indexOf('@', at + 1) < 0;
	}

	/** An event with what rules look at. */
	record PlannedEvent(long id, String kind, String riskLevel, String provider, String organization,
			String repository, List<String> owners) {
	}

	record Delivery(long eventId, String rule, String channel, String recipient, boolean digest) {
	}

}
