package dev.leakpath.ingest;

import dev.leakpath.model.NormalizedAlert;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.secret.RawSecret;
import dev.leakpath.secret.SecretStore;

import org.springframework.stereotype.Component;

/**
 * Reads the text around secrets whose value alone names no target (a bare storage account key needs the
 * {@code AccountName} beside it), within a budget per page, before the page is written. The text stays in
 * memory: it is only handed to target resolution.
 */
@Component
class SecretContexts {

	private static final Logger log = LoggerFactory.getLogger(SecretContexts.class);

	private static final int CONCURRENT_READS = 4;

	private final SecretStore secrets;

	private final SyncProperties properties;

	SecretContexts(SecretStore secrets, SyncProperties properties) {
		this.secrets = secrets;
		this.properties = properties;
	}

	/**
	 * The texts read, by index in the page. Each file is read once, however many of the page's alerts point at
	 * it, and dropped as soon as their windows are cut; the budget counts files.
	 */
	Mono<Map<Integer, RawSecret>> read(SourceConnector connector, List<NormalizedAlert> page) {
		if (!properties.readSecretContext() || properties.maxContextReadsPerPage() == 0) {
			return Mono.just(Map.of());
		}
		Map<String, Map<Integer, ContextFile>> byFile = new LinkedHashMap<>();
		for (int index = 0; index < page.size(); index++) {
			NormalizedAlert alert = page.get(index);
			Optional<ContextFile> file = connector.contextFile(alert);
			if (file.isEmpty() || !secrets.needsContext(alert.secret(), alert.secretType())) {
				continue;
			}
			Map<Integer, ContextFile> alerts = byFile.get(file.get().address());
			if (alerts == null) {
				if (byFile.size() == properties.maxContextReadsPerPage()) {
					continue;
				}
				alerts = new LinkedHashMap<>();
				byFile.put(file.get().address(), alerts);
			}
			alerts.put(index, file.get());
		}
		return Flux.fromIterable(byFile.values())
			.flatMap(alerts -> connector.readFile(alerts.values().iterator().next())
				.map(content -> windows(content, alerts))
				// a file that cannot be read leaves the target unresolved; it never fails the page
				.onErrorResume(ex -> {
					log.debug("{}: a file around a secret could not be read ({})", connector.provider(),
							ex.getClass().getSimpleName());
					return Mono.empty();
				}), CONCURRENT_READS)
			.collect(HashMap<Integer, RawSecret>::new, Map::putAll);
	}

	private static Map<Integer, RawSecret> windows(String content, Map<Integer, ContextFile> alerts) {
		Map<Integer, RawSecret> windows = new HashMap<>();
		alerts.forEach((index, file) -> FileWindow.around(content, file.startLine(), file.endLine())
			.ifPresent(window -> windows.put(index, window)));
		return windows;
	}

}
