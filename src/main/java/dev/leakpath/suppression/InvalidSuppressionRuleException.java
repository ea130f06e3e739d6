package dev.leakpath.suppression;

/** A suppression rule that cannot be used, and why: the API answers 400 with it, start-up stops on it. */
public class InvalidSuppressionRuleException extends RuntimeException {

	InvalidSuppressionRuleException(String message) {
		super(message);
	}

}
