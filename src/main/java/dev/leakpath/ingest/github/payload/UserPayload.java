package dev.leakpath.ingest.github.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A person as GitHub names one (schema simple-user): only the login is kept. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserPayload(String login) {

	public static String login(UserPayload user) {
		return user == null ? null : user.login();
	}

}
