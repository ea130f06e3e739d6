package dev.leakpath.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports a bad setting as its one line, however deep in bean creation or property binding it was found,
 * instead of the stack trace Spring Boot logs for a failure it cannot explain. First of the analyzers, so
 * a bad setting found while binding is told in our words rather than as a bind failure.
 */
final class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException>
		implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), null);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
