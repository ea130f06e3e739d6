package dev.leakpath.export;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;

import dev.leakpath.alert.AlertExports;
import dev.leakpath.alert.AlertFilter;
import dev.leakpath.secrettype.SecretType;
import dev.leakpath.secrettype.SecretTypeCatalogue;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * Alerts as a SARIF 2.1.0 log that code scanning takes: a run per repository, a rule per secret type (the
 * catalogue's), a result per location in a file ({@link SarifRun} says what is left out), read page by page and
 * written as they come. Results carry the secret's fingerprint hashed with the location, never its value or
 * preview.
 */
@Component
public class SarifAlerts {

	private final AlertExports exports;

	private final SecretTypeCatalogue catalogue;

	private final ObjectMapper json;

	private final Map<String, Object> driver = new LinkedHashMap<>();

	SarifAlerts(AlertExports exports, SecretTypeCatalogue catalogue, ObjectMapper json,
			ObjectProvider<BuildProperties> build) {
		this.exports = exports;
		this.catalogue = catalogue;
		this.json = json;
		// the application's version (build-info); a build without it names none
		BuildProperties properties = build.getIfAvailable();
		String version = properties != null ? properties.getVersion()
				: SarifAlerts.class.getPackage().getImplementationVersion();
		driver.put("name", "leakpath");
		if (version != null) {
			driver.put("version", version);
		}
		driver.put("informationUri", "https://github.com/leakpath/leakpath");
	}

	/** The filter's cursor and limit are ignored: an export is every match. */
	public Flux<String> write(AlertFilter filter) {
		return SarifLog.write(json, driver, this::secretType, exports.rowsByRepository(filter));
	}

	/** A type the catalogue maps is named by it; another by the provider's name for it, or its word. */
	private SecretType secretType(String id, String displayName) {
		return catalogue.byId(id)
			.orElseGet(() -> new SecretType(id, displayName == null ? id : displayName, "other", "unknown", false));
	}

}
