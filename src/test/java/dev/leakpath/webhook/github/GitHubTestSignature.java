package dev.leakpath.webhook.github;

/** Signs test deliveries as GitHub does. */
public final class GitHubTestSignature {

	private GitHubTestSignature() {
	}

	public static String sign(String secret, byte[] body) {
		return new GitHubSignature(secret).sign(body);
	}

}
