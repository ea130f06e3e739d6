package dev.leakpath.ingest;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Asks for a pass over a scope at the next tick of the schedule, for a provider that says it scanned the scope
 * again. A scope never polled is due anyway.
 */
@Component
public class PassRequests {

	private final SyncSourceStore sources;

	PassRequests(SyncSourceStore sources) {
		this.sources = sources;
	}

	public Mono<Void> request(String provider, String scope) {
		return sources.requestPass(provider, scope).then();
	}

}
