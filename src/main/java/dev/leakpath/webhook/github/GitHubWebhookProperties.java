package dev.leakpath.webhook.github;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param webhookSecret the secret set on the GitHub webhook (organisation, repository or App); deliveries
 * are verified with it, and refused while it is unset
 */
@ConfigurationProperties("leakpath.github")
record GitHubWebhookProperties(String webhookSecret) {

	@Override
	public String toString() {
		return "GitHubWebhookProperties[webhookSecret=" + (webhookSecret == null ? "unset" : "***") + "]";
	}

}
