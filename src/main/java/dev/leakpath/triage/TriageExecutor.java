package dev.leakpath.triage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.AlertWriteBack;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.ProviderAlertState;
import dev.leakpath.ingest.RetryableSourceException;
import dev.leakpath.ingest.RevocableSecret;
import dev.leakpath.ingest.SecretRevocation;

import org.springframework.stereotype.Component;

/**
 * One attempt at a triage item: read the alert at its provider, then write only when the provider's alert is as
 * leakpath read it. Already as asked: applied, nothing written (also how a write whose answer was lost ends once
 * its next attempt reads it). Changed since: a conflict, nothing written. Refused: failed with the provider's reason.
 * Unreachable, 5xx or a long rate limit: tried again later, and failed after the last attempt. A revocation reads
 * the alert with its secret, sends the secret to the provider's revocation in its own slot, keeps that the provider
 * accepted it, and then resolves the alert as {@code revoked}; the secret is dropped once it is sent. The revocations
 * of one claim go in one request ({@link #carryOutRevocations}).
 */
@Component
class TriageExecutor {

	static final String ALREADY_SO = "already so at the provider: nothing written";

	static final String REVOKED = "revoked at the provider (its revocation accepted the token), then resolved as revoked";

	/** {@code credentials/revoke} takes "up to 1000" credentials a request. */
	static final int MAX_REVOKED_PER_REQUEST = 1000;

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
			return carryOutRevocations(List.of(item)).single().map(CarriedOut::outcome);
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

	/** An item and the outcome of its attempt. */
	record CarriedOut(ClaimedItem item, TriageOutcome outcome) {
	}

	/**
	 * The revocations of one claim at one provider, their tokens sent together: GitHub takes up to
	 * {@link #MAX_REVOKED_PER_REQUEST} a request and only 60 requests an hour, so one request per token would revoke
	 * 60 an hour. Each alert is read with its token in its own write slot and checked as any triage is; the tokens of
	 * those that may be revoked wait in memory for the next revocation slot and go in one request; once the
	 * provider accepted it, each alert is resolved as {@code revoked} in its own slot. A refused or failed request
	 * fails (or retries) every item it carried; a failed resolution retries that item alone, which then only writes.
	 */
	Flux<CarriedOut> carryOutRevocations(List<ClaimedItem> items) {
		String provider = items.get(0).provider();
		AlertWriteBack writeBack = providers.of(provider).orElse(null);
		SecretRevocation revocation = providers.revocation(provider).orElse(null);
		if (writeBack == null || revocation == null) {
			String why = writeBack == null ? "leakpath cannot write triage to " + provider
					: "leakpath cannot revoke secrets at " + provider;
			return Flux.fromIterable(items).map(item -> new CarriedOut(item, TriageOutcome.failed(why)));
		}
		return Flux.fromIterable(items)
			.concatMap(item -> pacing.awaitTurn(provider)
				.then(Mono.defer(() -> revocation.read(item.alert())))
				.map(read -> checked(writeBack, item, read))
				.switchIfEmpty(Mono.fromSupplier(() -> new Checked(item,
						TriageOutcome.failed("the provider no longer has this alert"), null)))
				.onErrorResume(ex -> Mono.just(new Checked(item, failure(item, ex), null))))
			.collectList()
			.flatMapMany(checked -> {
				List<Checked> revocable = checked.stream().filter(each -> each.outcome() == null).toList();
				Flux<CarriedOut> decided = Flux.fromIterable(checked)
					.filter(each -> each.outcome() != null)
					.map(each -> new CarriedOut(each.item(), each.outcome()));
				List<List<Checked>> requests = new ArrayList<>();
				for (int start = 0; start < revocable.size(); start += MAX_REVOKED_PER_REQUEST) {
					requests.add(revocable.subList(start, Math.min(revocable.size(), start + MAX_REVOKED_PER_REQUEST)));
				}
				return decided.concatWith(Flux.fromIterable(requests)
					.concatMap(request -> revokeThenResolve(writeBack, revocation, request)));
			});
	}

	/** The alert as read with its token: decided already (outcome), or to revoke (secret). */
	private record Checked(ClaimedItem item, TriageOutcome outcome, RevocableSecret secret) {
	}

	private Checked checked(AlertWriteBack writeBack, ClaimedItem item, SecretRevocation.Read read) {
		ProviderAlertState current = read.state();
		if (writeBack.reached(current, item.change())) {
			return new Checked(item, TriageOutcome.applied(current, ALREADY_SO), null);
		}
		List<String> changes = states.changes(item.read(), current, writeBack.keepsAssignees());
		if (!changes.isEmpty()) {
			return new Checked(item, TriageOutcome.conflict(current, "changed at the provider since leakpath read it ("
					+ String.join(", ", changes) + "): nothing revoked, nothing written"), null);
		}
		if (read.secret() == null) {
			return new Checked(item, TriageOutcome.failed(
					"the provider showed no token its revocation takes: nothing revoked, nothing written"), null);
		}
		return new Checked(item, null, read.secret());
	}

	private Flux<CarriedOut> revokeThenResolve(AlertWriteBack writeBack, SecretRevocation revocation,
			List<Checked> request) {
		String provider = request.get(0).item().provider();
		List<ClaimedItem> items = request.stream().map(Checked::item).toList();
		return pacing.awaitTurn(provider + "-revocation", properties.writeInterval().githubRevocation())
			.then(revocation.revoke(request.stream().map(Checked::secret).toList()))
			.then(queue.revoked(items))
			.thenMany(Flux.fromIterable(items)
				.concatMap(item -> pacing.awaitTurn(provider)
					.then(Mono.defer(() -> writeBack.write(item.alert(), item.change())))
					.map(answer -> new CarriedOut(item, TriageOutcome.applied(answer, REVOKED)))
					.onErrorResume(ex -> Mono.just(new CarriedOut(item, failure(item, ex))))))
			.onErrorResume(ex -> Flux.fromIterable(items).map(item -> new CarriedOut(item, failure(item, ex))));
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
