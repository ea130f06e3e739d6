package dev.leakpath.notify;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import dev.leakpath.settings.HttpUrls;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who hears about what, and through which channel.
 *
 * @param enabled whether this instance plans and sends notifications
 * @param dashboardUrl the dashboard's public address, for links in messages
 * @param rules what to notify; an event matching several rules is sent once per channel and recipient
 * @param email {@code from} address; the SMTP server is {@code spring.mail.*}
 * @param slack Slack incoming-webhook URL
 * @param teams Microsoft Teams incoming-webhook URL
 * @param webhook a generic outbound webhook, signed with HMAC-SHA256
 * @param pollInterval how often new events and due deliveries are looked for
 * @param batchSize events planned, or deliveries sent, per round
 * @param maxAttempts delivery attempts before a notification is marked failed
 * @param initialBackoff wait after the first failed attempt; doubles each attempt
 * @param maxBackoff longest wait between attempts
 * @param maxPerRecipientPerHour messages sent to one recipient in an hour; the rest wait their turn
 * @param ownerWait how long an event of a repository with no known owners waits for them (they are read just
 * after a sync stores its alerts) before it is planned without
 * @param sla how long an alert may stay open, by severity (the highest risk of its open attack paths, else low)
 * @param slaCheckInterval how often open alerts are checked against their deadline (and old events pruned)
 * @param retention how long planned events and their notifications are kept
 * @param digest when digest rules send, once a day
 */
@ConfigurationProperties("leakpath.notifications")
public record NotificationProperties(boolean enabled, URI dashboardUrl, List<NotificationRule> rules, Email email,
		Hook slack, Hook teams, SignedHook webhook, Duration pollInterval, int batchSize, int maxAttempts,
		Duration initialBackoff, Duration maxBackoff, int maxPerRecipientPerHour, Duration ownerWait, Sla sla,
		Duration slaCheckInterval, Duration retention, Digest digest) {

	public NotificationProperties {
		rules = rules == null ? List.of() : List.copyOf(rules);
		email = email == null ? new Email(null) : email;
		slack = slack == null ? new Hook(null) : slack;
		teams = teams == null ? new Hook(null) : teams;
		webhook = webhook == null ? new SignedHook(null, null) : webhook;
		// the URLs of Slack and Teams hold their secret: a typo fails at start-up, naming the setting only
		HttpUrls.require("leakpath.notifications.slack.url", slack.url());
		HttpUrls.require("leakpath.notifications.teams.url", teams.url());
		HttpUrls.require("leakpath.notifications.webhook.url", webhook.url());
		dashboardUrl = dashboardUrl == null ? URI.create("http://localhost:8080") : dashboardUrl;
		pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
		batchSize = batchSize <= 0 ? 200 : batchSize;
		maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
		initialBackoff = initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff;
		maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
		maxPerRecipientPerHour = maxPerRecipientPerHour <= 0 ? 30 : maxPerRecipientPerHour;
		ownerWait = ownerWait == null ? Duration.ofMinutes(2) : ownerWait;
		sla = sla == null ? new Sla(null, null, null, null) : sla;
		slaCheckInterval = slaCheckInterval == null ? Duration.ofHours(1) : slaCheckInterval;
		retention = retention == null ? Duration.ofDays(30) : retention;
		digest = digest == null ? new Digest(null, null) : digest;
	}

	public record Email(String from) {
	}

	/**
	 * @param time the time of day digests go out (default 08:00)
	 * @param zone the time zone of {@code time} (default UTC)
	 */
	public record Digest(LocalTime time, ZoneId zone) {

		public Digest {
			time = time == null ? LocalTime.of(8, 0) : time;
			zone = zone == null ? ZoneOffset.UTC : zone;
		}

		/** The first digest time after {@code now}. */
		public Instant next(Instant now) {
			ZonedDateTime today = now.atZone(zone).with(time);
			return (today.toInstant().isAfter(now) ? today : today.plusDays(1)).toInstant();
		}

	}

	/** Deadlines by severity: by default 7, 14, 30 and 90 days. */
	public record Sla(Duration critical, Duration high, Duration medium, Duration low) {

		public Sla {
			critical = critical == null ? Duration.ofDays(7) : critical;
			high = high == null ? Duration.ofDays(14) : high;
			medium = medium == null ? Duration.ofDays(30) : medium;
			low = low == null ? Duration.ofDays(90) : low;
		}

	}

	/** @param url unset (or blank) when the channel is not used */
	public record Hook(URI url) {

		public Hook {
			url = blankToNull(url);
		}

	}

	/** @param secret the HMAC key the receiver checks {@code X-Leakpath-Signature-256} with */
	public record SignedHook(URI url, String secret) {

		public SignedHook {
			url = blankToNull(url);
		}

	}

	private static URI blankToNull(URI url) {
		return url == null || url.toString().isBlank() ? null : url;
	}

}
