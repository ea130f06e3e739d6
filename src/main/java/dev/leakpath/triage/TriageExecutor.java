package dev.leakpath.triage;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.AlertWriteBack;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.ProviderAlertState;
import dev.leakpath.ingest.RetryableSourceException;
import dev.leakpath.ingest.SecretRevocation;

import org.springframework.stereotype.Component;

/**
 * One attempt at a triage item: read the alert at its provider, then write only when the provider's alert is as
 * leakpath read it. Already as asked: applied, nothing written (also how a write whose answer was lost ends once
 * its next attempt reads it). Changed since: a conflict, nothing written. Refused: failed with the provider's reason.
 * Unreachable, 5xx or a long rate limit: tried again later, and failed after the last attempt. A revocation reads
 * the alert with its secret, sends the secret to the provider's revocation in its own slot, keeps that the provider
 * accepted it, and then resolves the alert as {@code revoked}; the secret is dropped with the read.
 */
@Component
class TriageExecutor {

	static final String ALREADY_SO = "already so at the provider: nothing written";

	static final String REVOKED = "revoked at the provider (its revocation accepted the token), then resolved as revoked";

	private final TriageProviders providers;

	private final ProviderStates states;

	private final WritePacing pacing;

	private final TriageProperties properties;

	private final TriageQueue queue;

	TriageExecutor(TriageProviders providers, ProviderStates states, WritePacing pacing, TriageProperties properties,
			TriageQueue queue) {
		this.queue = queue;
		this.providers = providers;
		this.states = states;
		this.pacing = pacing;
		this.properties = properties;
	}

	Mono<TriageOutcome> carryOut(ClaimedItem item) {
		AlertWriteBack writeBack = providers.of(item.provider()).orElse(null);
		if (writeBack == null) {
			return Mono.just(TriageOutcome.failed("leakpath cannot write triage to " + item.provider()));
		}
		if (item.revoke() && !item.revoked()) {
			return revokeThenResolve(writeBack, item);
		}
		// the read takes the write's slot, so that the provider's alert has the least time to change between them
		return pacing.awaitTurn(item.provider())
			.then(Mono.defer(() -> writeBack.read(item.alert())))
			.flatMap(current -> decide(writeBack, item, current))
			.switchIfEmpty(Mono.fromSupplier(() -> TriageOutcome.failed("the provider no longer has this alert")))
			.onErrorResume(ex -> Mono.just(failure(item, ex)));
	}

	private Mono<TriageOutcome> decide(AlertWriteBack writeBack, ClaimedItem item, ProviderAlertState current) {
		if (writeBack.reached(current, item.change())) {
			return Mono.just(TriageOutcome.applied(current, ALREADY_SO));
		}
		List<String> changes = states.changes(item.read(), current, writeBack.keepsAssignees());
		if (!changes.isEmpty()) {
			return Mono.just(TriageOutcome.conflict(current, "changed at the provider since leakpath read it ("
					+ String.join(", ", changes) + "): nothing written"));
		}
		return writeBack.write(item.alert(), item.change())
			.map(answer -> TriageOutcome.applied(answer, item.revoke() ? REVOKED : null));
	}

	private Mono<TriageOutcome> revokeThenResolve(AlertWriteBack writeBack, ClaimedItem item) {
		SecretRevocation revocation = providers.revocation(item.provider()).orElse(null);
		if (revocation == null) {
			return Mono.just(TriageOutcome.failed("leakpath cannot revoke secrets at " + item.provider()));
		}
		return pacing.awaitTurn(item.provider())
			.then(Mono.defer(() -> revocation.read(item.alert())))
			.flatMap(read -> {
				ProviderAlertState current = read.state();
				if (writeBack.reached(current, item.change())) {
					return Mono.just(TriageOutcome.applied(current, ALREADY_SO));
				}
				List<String> changes = states.changes(item.read(), current, writeBack.keepsAssignees());
				if (!changes.isEmpty()) {
					return Mono.just(TriageOutcome.conflict(current, "changed at the provider since leakpath read it ("
							+ String.join(", ", changes) + "): nothing revoked, nothing written"));
				}
				if (read.secret() == null) {
					return Mono.just(TriageOutcome.failed(
							"the provider showed no token its revocation takes: nothing revoked, nothing written"));
				}
				return pacing.awaitTurn(item.provider() + "-revocation", properties.writeInterval().githubRevocation())
					.then(revocation.revoke(List.of(read.secret())))
					.then(queue.revoked(List.of(item)))
					.then(Mono.defer(() -> writeBack.write(item.alert(), item.change())))
					.map(answer -> TriageOutcome.applied(answer, REVOKED));
			})
			.switchIfEmpty(Mono.fromSupplier(() -> TriageOutcome.failed("the provider no longer has this alert")))
			.onErrorResume(ex -> Mono.just(failure(item, ex)));
	}

	private TriageOutcome failure(ClaimedItem item, Throwable ex) {
		if (ex instanceof PermanentSourceException refused) {
			return TriageOutcome.failed(refused.status() == 404 ? "the provider no longer has this alert ("
					+ refused.getMessage() + ")" : "the provider refused: " + refused.getMessage());
		}
		if (ex instanceof IllegalArgumentException cannot) {
			return TriageOutcome.failed(cannot.getMessage());
		}
		String error = ex instanceof RetryableSourceException || ex instanceof CallNotPermittedException
				|| ex instanceof IllegalStateException ? ex.getMessage() : ex.getClass().getSimpleName();
		if (item.attempts() >= properties.worker().maxAttempts()) {
			return TriageOutcome.failed("gave up after " + item.attempts() + " attempts: " + error);
		}
		Duration wait = properties.worker().backoff(item.attempts());
		// a rate limit longer than the connector waits for: come back when it ends
		if (ex instanceof RetryableSourceException retryable && retryable.retryAfter() != null
				&& retryable.retryAfter().compareTo(wait) > 0) {
			wait = retryable.retryAfter();
		}
		return TriageOutcome.retry(error, wait);
	}

}
