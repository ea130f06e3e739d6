package dev.leakpath.webhook.ado;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param username the Basic-auth user name set on the service-hook subscription
 * @param password the Basic-auth password set on the subscription; deliveries are refused while it is unset
 */
@ConfigurationProperties("leakpath.azure-devops.webhook")
record AzureDevOpsWebhookProperties(String username, String password) {

	@Override
	public String toString() {
		return "AzureDevOpsWebhookProperties[username=" + username + ", password=" + (password == null ? "unset" : "***")
				+ "]";
	}

}
