package dev.leakpath.settings;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Outside the demo profile leakpath makes up neither its database nor its fingerprint key: a container that
 * restarted onto a new embedded database or a new key would silently re-fingerprint every secret. So it needs
 * both named, and says in one line which are missing, before any bean is created. Run once the context is
 * prepared rather than with the environment, so that settings its initializers add (a test's) count.
 */
class RequiredSettingsCheck implements ApplicationListener<ApplicationPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		List<String> settings = new ArrayList<>();
		List<String> variables = new ArrayList<>();
		// the demo profile's embedded database, when it started, has set it by now
		if (!set(environment, "spring.r2dbc.url")) {
			settings.add("spring.r2dbc.url");
			variables.add("SPRING_R2DBC_URL");
		}
		if (!set(environment, "leakpath.fingerprint-key") && !set(environment, "leakpath.fingerprint-key-file")) {
			settings.add("leakpath.fingerprint-key (or leakpath.fingerprint-key-file)");
			variables.add("LEAKPATH_FINGERPRINT_KEY or LEAKPATH_FINGERPRINT_KEY_FILE");
		}
		if (!settings.isEmpty()) {
			throw new MissingSettingsException(settings, variables);
		}
	}

	private static boolean set(Environment environment, String name) {
		return StringUtils.hasText(environment.getProperty(name));
	}

}
