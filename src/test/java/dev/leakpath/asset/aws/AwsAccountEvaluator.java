package dev.leakpath.asset.aws;

import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;

/** {@link AwsAccessEvaluation} of an account, for the benchmarks outside this package. */
public final class AwsAccountEvaluator {

	private AwsAccountEvaluator() {
	}

	/** Emits how many identities the account's evaluation wrote. */
	public static Mono<Integer> evaluate(ApplicationContext app, String accountId) {
		return app.getBean(AwsAccessEvaluation.class).evaluateAccount(accountId);
	}

}
