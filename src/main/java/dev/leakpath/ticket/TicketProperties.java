package dev.leakpath.ticket;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.leakpath.settings.HttpUrls;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Tickets opened for alerts, and where.
 *
 * @param enabled whether this instance plans and syncs tickets (with no rules it does neither)
 * @param dashboardUrl the dashboard's public address, for the link in each ticket
 * @param rules which alerts get a ticket, on which channel
 * @param jira the Jira site of the {@code jira} channel
 * @param pollInterval how often changed alerts and due tickets are looked for
 * @param batchSize alert changes planned, or tickets synced, per round
 * @param concurrency tickets synced at once
 * @param maxAttempts attempts before a ticket is marked failed
 * @param initialBackoff wait after the first failed attempt; doubles each attempt, or the tracker's
 * {@code Retry-After} when longer
 * @param maxBackoff longest wait between attempts
 * @param lease how long a claimed ticket is left to its instance; renewed while it is being synced
 */
@ConfigurationProperties("leakpath.tickets")
public record TicketProperties(Boolean enabled, URI dashboardUrl, List<TicketRule> rules, Jira jira,
		Duration pollInterval, int batchSize, int concurrency, int maxAttempts, Duration initialBackoff,
		Duration maxBackoff, Duration lease) {

	public TicketProperties {
		enabled = enabled == null || enabled;
		dashboardUrl = dashboardUrl == null ? URI.create("http://localhost:8080") : dashboardUrl;
		rules = rules == null ? List.of() : List.copyOf(rules);
		jira = jira == null ? new Jira(null, null, null, null, null, null, null) : jira;
		pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
		batchSize = batchSize <= 0 ? 100 : batchSize;
		concurrency = concurrency <= 0 ? 4 : concurrency;
		maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
		initialBackoff = initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff;
		maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
		lease = lease == null ? Duration.ofMinutes(2) : lease;
	}

	/** Whether the planner and the worker run here. */
	boolean active() {
		return enabled && !rules.isEmpty();
	}

	/**
	 * A Jira site. Jira Cloud takes an account's e-mail and an API token (Basic), Jira Data Center a personal access
	 * token (Bearer); each token from its setting (an environment variable) or from a file.
	 *
	 * @param url the site, {@code https://acme.atlassian.net} or a Data Center base URL (with its context path)
	 * @param deployment {@code cloud} (REST API v3, descriptions in Atlassian Document Format) or
	 * {@code data-center} (REST API v2, plain-text descriptions); default {@code cloud}
	 */
	public record Jira(URI url, String deployment, String email, String apiToken, Path apiTokenFile,
			String personalAccessToken, Path personalAccessTokenFile) {

		public static final String CLOUD = "cloud";

		public static final String DATA_CENTER = "data-center";

		public Jira {
			url = url == null || url.toString().isBlank() ? null : HttpUrls.require("leakpath.tickets.jira.url", url);
			deployment = StringUtils.hasText(deployment) ? deployment.strip() : CLOUD;
		}

		boolean configured() {
			return url != null;
		}

		boolean cloud() {
			return CLOUD.equals(deployment);
		}

		/** Says which credentials are set, never what they are. */
		@Override
		public String toString() {
			return "Jira[url=" + url + ", deployment=" + deployment + ", email=" + email + ", apiToken="
					+ set(apiToken) + ", apiTokenFile=" + apiTokenFile + ", personalAccessToken="
					+ set(personalAccessToken) + ", personalAccessTokenFile=" + personalAccessTokenFile + "]";
		}

		private static String set(String value) {
			return StringUtils.hasText(value) ? "(set)" : "(unset)";
		}

	}

}
