package dev.leakpath.asset.gcp;

import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;

/** {@link GcpAccessEvaluation} of a scope whose IAM policies were read, for the benchmarks outside this package. */
public final class GcpScopeEvaluator {

	private GcpScopeEvaluator() {
	}

	/** Emits how many identities the scope's evaluation wrote. */
	public static Mono<Integer> evaluate(ApplicationContext app, String scope) {
		return app.getBean(GcpAccessEvaluation.class).evaluateScope(scope, true);
	}

}
