package dev.leakpath.settings;

/**
 * A setting that leakpath cannot start with. Its message is the one line shown at start-up (see
 * {@link InvalidSettingFailureAnalyzer}): it names the setting and what is wrong, never a secret's value.
 */
public class InvalidSettingException extends IllegalStateException {

	private final String setting;

	public InvalidSettingException(String setting, String problem) {
		super(setting + " " + problem);
		this.setting = setting;
	}

	public String setting() {
		return setting;
	}

	/** What to do about it, shown under the line. */
	String action() {
		return "Correct " + setting + " (in config/application.yml or its environment variable) and start leakpath "
				+ "again.";
	}

}
