package dev.leakpath.ticket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import dev.leakpath.settings.InvalidSettingException;

import org.springframework.util.StringUtils;

/**
 * The {@code Authorization} header for Jira, made once at start-up: Jira Cloud's e-mail and API token as Basic,
 * Jira Data Center's personal access token as Bearer. Each token comes from its setting (an environment variable)
 * or from a file; neither this header nor the token is ever logged, shown or stored.
 */
final class JiraCredentials {

	private final String header;

	private JiraCredentials(String header) {
		this.header = header;
	}

	static JiraCredentials of(TicketProperties.Jira jira) {
		if (jira.cloud()) {
			if (!StringUtils.hasText(jira.email())) {
				throw new InvalidSettingException("leakpath.tickets.jira.email",
						"is needed for Jira Cloud: the e-mail of the account whose API token leakpath uses");
			}
			String token = token("leakpath.tickets.jira.api-token", jira.apiToken(), jira.apiTokenFile());
			return new JiraCredentials("Basic " + Base64.getEncoder()
				.encodeToString((jira.email().strip() + ":" + token).getBytes(StandardCharsets.UTF_8)));
		}
		if (!TicketProperties.Jira.DATA_CENTER.equals(jira.deployment())) {
			throw new InvalidSettingException("leakpath.tickets.jira.deployment", "must be cloud or data-center");
		}
		return new JiraCredentials("Bearer " + token("leakpath.tickets.jira.personal-access-token",
				jira.personalAccessToken(), jira.personalAccessTokenFile()));
	}

	String header() {
		return header;
	}

	@Override
	public String toString() {
		return "JiraCredentials[(hidden)]";
	}

	private static String token(String setting, String value, Path file) {
		if (StringUtils.hasText(value)) {
			return value.strip();
		}
		if (file == null) {
			throw new InvalidSettingException(setting, "or " + setting + "-file is needed for leakpath.tickets.jira.url");
		}
		try {
			String token = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (token.isEmpty()) {
				throw new InvalidSettingException(setting + "-file", "names an empty file");
			}
			return token;
		}
		catch (IOException ex) {
			throw new InvalidSettingException(setting + "-file", "names a file that cannot be read ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

}
