package dev.leakpath.settings;

import java.net.URI;

/** Start-up checks of the URLs leakpath calls: a typo fails at start-up, not at the first request. */
public final class HttpUrls {

	private HttpUrls() {
	}

	/**
	 * The URL, when it is an absolute http or https URL with a host and no user name or password (credentials
	 * have settings of their own, which are kept out of logs); else an {@link InvalidSettingException}.
	 */
	public static URI require(String setting, URI url) {
		if (url == null) {
			return null;
		}
		String scheme = url.getScheme();
		if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || url.getHost() == null) {
			// the value is left out: a URL may carry credentials
			throw new InvalidSettingException(setting, "must be an absolute http(s) URL with a host, such as "
					+ "https://example.com");
		}
		if (url.getRawUserInfo() != null) {
			throw new InvalidSettingException(setting, "must not hold a user name or password (user:password@); "
					+ "give credentials in their own settings");
		}
		return url;
	}

}
