package dev.leakpath.settings;

import java.net.URI;

/** Start-up checks of the URLs leakpath calls: a typo fails at start-up, not at the first request. */
public final class HttpUrls {

	private HttpUrls() {
	}

	/** The URL, when it is an absolute http or https URL with a host; else an {@link InvalidSettingException}. */
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
		return url;
	}

}
