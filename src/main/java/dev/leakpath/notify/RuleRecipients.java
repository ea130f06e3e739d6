package dev.leakpath.notify;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Checks the recipients a rule lists: e-mail addresses, or {@code owners}, each once. They are e-mail's alone:
 * the chat and webhook channels send to the URL of their setting.
 */
final class RuleRecipients {

	/**
	 * Recipients one rule may list. A rule is for a team or a few people, and each recipient is a message per
	 * event; a longer list belongs in a mailing list, given as one address.
	 */
	static final int MAX = 100;

	/** RFC 5321: a path of 256 octets, its angle brackets included, and a local part of 64. */
	private static final int MAX_ADDRESS = 254;

	private static final int MAX_LOCAL_PART = 64;

	private RuleRecipients() {
	}

	/** Throws an {@link IllegalArgumentException} naming the first wrong recipient by its index. */
	static void check(List<String> recipients) {
		if (recipients.size() > MAX) {
			throw new IllegalArgumentException("recipients lists " + recipients.size() + "; at most " + MAX
					+ " are allowed (give a mailing list's address for more)");
		}
		Map<String, Integer> seen = new HashMap<>();
		for (int index = 0; index < recipients.size(); index++) {
			String recipient = recipients.get(index);
			String problem = problem(recipient);
			if (problem != null) {
				throw new IllegalArgumentException("recipients[" + index + "] " + problem);
			}
			// mail systems treat addresses case-insensitively in practice, and one person gets one message
			Integer first = seen.putIfAbsent(recipient.toLowerCase(Locale.ROOT), index);
			if (first != null) {
				throw new IllegalArgumentException("recipients[" + index + "] repeats recipients[" + first + "]");
			}
		}
	}

	private static String problem(String recipient) {
		if (recipient == null || recipient.isBlank()) {
			return "is empty; list e-mail addresses, or 'owners'";
		}
		if (recipient.equals(NotificationRule.OWNERS)) {
			return null;
		}
		// a chat or webhook URL holds its secret in its path: it is not repeated in an answer that may be logged
		if (recipient.contains("://") || recipient.contains("/") && !recipient.contains("@")) {
			return "looks like a URL (not shown); recipients are e-mail addresses, and the slack, teams and webhook "
					+ "channels send to the URL of their setting (leakpath.notifications.<channel>.url)";
		}
		if (recipient.length() > MAX_ADDRESS) {
			return "has " + recipient.length() + " characters; an e-mail address has at most " + MAX_ADDRESS;
		}
		if (!isAddress(recipient)) {
			return "'" + recipient + "' is not an e-mail address (such as alice@example.com), nor 'owners'";
		}
		if (recipient.lastIndexOf('@') > MAX_LOCAL_PART) {
			return "'" + recipient + "' has more than " + MAX_LOCAL_PART + " characters before its @";
		}
		return null;
	}

	/** One bare address as RFC 822 has it: no display name or comment, no space around it, no list. */
	private static boolean isAddress(String recipient) {
		try {
			InternetAddress address = new InternetAddress(recipient, /* strict */ true);
			return address.getPersonal() == null && recipient.equals(address.getAddress());
		}
		catch (AddressException ex) {
			return false;
		}
	}

}
