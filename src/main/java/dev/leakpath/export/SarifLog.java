package dev.leakpath.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.alert.AlertExportRow;
import dev.leakpath.secrettype.SecretType;

/**
 * Writes a SARIF 2.1.0 log from rows that come a repository after another: a run per repository, opened at its
 * first row and closed, with what only its end tells ({@link SarifRun#tail}), at the next repository's. A
 * log without rows is one run without results: the tool ran and found nothing. One writer per subscription.
 */
final class SarifLog {

	private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

	/** Pieces per emitted chunk: fewer, larger writes. */
	private static final int PIECES_PER_CHUNK = 100;

	private final ObjectMapper json;

	private final Map<String, Object> driver;

	private final BiFunction<String, String, SecretType> secretTypes;

	private SarifRun run;

	/** Whether the open run has a result yet: the next one follows a comma. */
	private boolean results;

	private SarifLog(ObjectMapper json, Map<String, Object> driver,
			BiFunction<String, String, SecretType> secretTypes) {
		this.json = json;
		this.driver = driver;
		this.secretTypes = secretTypes;
	}

	/**
	 * @param driver the tool's name, version and information URI; each run adds its rules
	 * @param secretTypes a secret type by its id and the provider's display name
	 */
	static Flux<String> write(ObjectMapper json, Map<String, Object> driver,
			BiFunction<String, String, SecretType> secretTypes, Flux<AlertExportRow> rowsByRepository) {
		return Flux.defer(() -> {
			SarifLog log = new SarifLog(json, driver, secretTypes);
			Flux<String> runs = rowsByRepository.map(log::next)
				.filter(piece -> !piece.isEmpty())
				.buffer(PIECES_PER_CHUNK)
				.map(chunk -> String.join("", chunk));
			return Flux.concat(Flux.just("{\"$schema\":\"" + SCHEMA + "\",\"version\":\"2.1.0\",\"runs\":["), runs,
					Mono.fromCallable(log::end));
		});
	}

	/** What the row adds: the end of the run before it, the start of its own, and its result, if any. */
	private String next(AlertExportRow row) {
		StringBuilder piece = new StringBuilder();
		if (run == null || run.repositoryId() != row.repositoryId()) {
			if (run != null) {
				piece.append(close()).append(',');
			}
			run = new SarifRun(row, secretTypes);
			results = false;
			piece.append("{\"results\":[");
		}
		run.result(row).ifPresent(result -> {
			piece.append(results ? "," : "").append(JsonArrays.toJson(json, result));
			results = true;
		});
		return piece.toString();
	}

	private String end() {
		if (run == null) {
			Map<String, Object> empty = new LinkedHashMap<>();
			empty.put("tool", Map.of("driver", withRules(List.of())));
			empty.put("results", List.of());
			return JsonArrays.toJson(json, empty) + "]}";
		}
		return close() + "]}";
	}

	private String close() {
		String tail = JsonArrays.toJson(json, run.tail(driver));
		return "]," + tail.substring(1);
	}

	private Map<String, Object> withRules(List<Map<String, Object>> rules) {
		Map<String, Object> withRules = new LinkedHashMap<>(driver);
		withRules.put("rules", rules);
		return withRules;
	}

}
