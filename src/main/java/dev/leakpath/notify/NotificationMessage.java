package dev.leakpath.notify;

import java.util.Map;

/**
 * What a notification says, the same on every channel. Made of identifiers only: never a secret's value or
 * preview.
 *
 * @param kind the event kind
 * @param title one line
 * @param text a few lines
 * @param dashboardUrl the alert or attack path in leakpath
 * @param providerUrl the alert at GitHub or Azure DevOps, or null
 * @param facts repository, secret type, risk and the like, for structured channels
 */
public record NotificationMessage(long notificationId, String kind, String title, String text, String dashboardUrl,
		String providerUrl, Map<String, Object> facts) {
}
