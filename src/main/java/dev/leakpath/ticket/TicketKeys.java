package dev.leakpath.ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stable key of a ticket: a hash of its rule and of what it stands for, by the provider's identity (provider,
 * repository, alert number) or by the secret's fingerprint, never by a database id, so that it stays the same
 * across a restored or rebuilt database. It is the ticket's label in Jira and its hidden marker in GitHub.
 */
final class TicketKeys {

	/** The label and marker prefix; every ticket carries this label too. */
	static final String LABEL = "leakpath";

	private TicketKeys() {
	}

	/** {@code alert} or {@code secret}: what the ticket of {@code rule} for {@code alert} stands for. */
	static String scope(TicketRule rule, ChangedAlert alert) {
		return rule.perSecret() && alert.fingerprint() != null ? TicketRule.PER_SECRET : TicketRule.PER_ALERT;
	}

	static String key(TicketRule rule, ChangedAlert alert) {
		String identity;
		if (scope(rule, alert).equals(TicketRule.PER_SECRET)) {
			// an issue lives in one repository: GitHub Issues get one ticket per secret and repository
			identity = "secret\n" + alert.fingerprint()
					+ (rule.channel().equals(TicketRule.GITHUB_ISSUES) ? "\n" + alert.repository() : "");
		}
		else {
			identity = "alert\n" + alert.provider() + "\n" + alert.repository() + "\n" + alert.providerAlertId();
		}
		return sha256(rule.name() + "\n" + identity).substring(0, 24);
	}

	/** The ticket's own label: {@code leakpath-} and its key. */
	static String label(String key) {
		return LABEL + "-" + key;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
