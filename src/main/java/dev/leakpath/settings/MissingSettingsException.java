package dev.leakpath.settings;

import java.util.List;

/** Settings that only the demo profile may leave unset, unset outside it. */
final class MissingSettingsException extends InvalidSettingException {

	private final String variables;

	/**
	 * @param settings the missing settings
	 * @param variables their environment variables, in the same order
	 */
	MissingSettingsException(List<String> settings, List<String> variables) {
		super(String.join(" and ", settings), (settings.size() == 1 ? "is" : "are")
				+ " not set, and outside the demo profile leakpath makes up none");
		this.variables = String.join(" and ", variables);
	}

	@Override
	String action() {
		return "Set " + variables + " in the environment (or config/application.yml) and start leakpath again; "
				+ "./mvnw spring-boot:run runs the demo, which needs none of them.";
	}

}
