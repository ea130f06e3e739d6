package dev.leakpath.ingest.github;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.RetryableSourceException;
import dev.leakpath.ingest.SourceResilience;

/**
 * Repository metadata through github-api. github-api blocks, so every call runs on the bounded elastic
 * scheduler, never on a Netty thread.
 */
final class GitHubRepositoryClient {

	private static final int PAGE_SIZE = 100;

	private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

	private final GitHub github;

	private final SourceResilience resilience;

	GitHubRepositoryClient(GitHub github, SourceResilience resilience) {
		this.github = github;
		this.resilience = resilience;
	}

	Mono<List<NormalizedRepository>> listOrganization(String organization) {
		return call(() -> github.getOrganization(organization)
			.listRepositories(PAGE_SIZE)
			.toList()
			.stream()
			.map(repository -> toRepository(organization, repository))
			.toList());
	}

	Mono<Optional<NormalizedRepository>> get(String organization, String fullName) {
		return call(() -> {
			try {
				return Optional.of(toRepository(organization, github.getRepository(fullName)));
			}
			catch (GHFileNotFoundException ex) {
				return Optional.empty();
			}
		});
	}

	private <T> Mono<T> call(Callable<T> blocking) {
		return resilience.decorate(Mono.fromCallable(blocking)
			.subscribeOn(Schedulers.boundedElastic())
			// github-api's connector has no read timeout of its own
			.timeout(CALL_TIMEOUT)
			.onErrorMap(IOException.class, GitHubRepositoryClient::translate));
	}

	private static RuntimeException translate(IOException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof GitHubRateLimitedIOException limited) {
				return new RetryableSourceException(limited.getMessage(), limited.retryAfter(), null);
			}
		}
		if (ex instanceof FileNotFoundException) {
			return new PermanentSourceException(404, "GitHub has no such organisation or repository, or hides it from "
					+ "these credentials");
		}
		if (ex instanceof HttpException http && http.getResponseCode() > 0 && http.getResponseCode() < 500) {
			return new PermanentSourceException(http.getResponseCode(),
					"GitHub repository metadata request answered " + http.getResponseCode());
		}
		return new RetryableSourceException("GitHub repository metadata request failed: " + ex.getClass().getSimpleName(),
				null, ex);
	}

	private static NormalizedRepository toRepository(String organization, GHRepository repository) {
		String visibility = repository.getVisibility() == null ? null
				: repository.getVisibility().name().toLowerCase(Locale.ROOT);
		return new NormalizedRepository(GitHubAlertMapper.PROVIDER, organization, null, repository.getName(),
				repository.getFullName(), String.valueOf(repository.getId()),
				repository.getHtmlUrl() == null ? null : repository.getHtmlUrl().toString(),
				"unknown".equals(visibility) ? null : visibility, repository.isArchived(),
				repository.getDefaultBranch(), true);
	}

}
