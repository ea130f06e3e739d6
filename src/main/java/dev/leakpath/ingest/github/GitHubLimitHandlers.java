package dev.leakpath.ingest.github;

import java.time.Duration;

import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

import dev.leakpath.ingest.SourceResilience;

/**
 * Replacements for github-api's rate-limit and abuse-limit handlers, whose defaults sleep the calling
 * thread (61 s for a 429 without {@code retry-after}). These throw at once with the wait, and
 * {@link SourceResilience} waits without holding a thread.
 */
final class GitHubLimitHandlers {

	private GitHubLimitHandlers() {
	}

	static GitHubRateLimitHandler rateLimit(GitHubRateLimitPolicy policy, Duration fallback) {
		return new GitHubRateLimitHandler() {
			@Override
			public void onError(GitHubConnectorResponse response) throws GitHubRateLimitedIOException {
				throw limited(policy, fallback, response);
			}
		};
	}

	static GitHubAbuseLimitHandler abuseLimit(GitHubRateLimitPolicy policy, Duration fallback) {
		return new GitHubAbuseLimitHandler() {
			@Override
			public void onError(GitHubConnectorResponse response) throws GitHubRateLimitedIOException {
				throw limited(policy, fallback, response);
			}
		};
	}

	private static GitHubRateLimitedIOException limited(GitHubRateLimitPolicy policy, Duration fallback,
			GitHubConnectorResponse response) {
		Duration wait = policy.waitFor(response.statusCode(), response::header, null).orElse(fallback);
		return new GitHubRateLimitedIOException(wait);
	}

}
