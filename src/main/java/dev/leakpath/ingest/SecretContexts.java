package dev.leakpath.ingest;

import dev.leakpath.model.NormalizedAlert;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

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

	private static final int CONCURRENT_READS = 4;

	private final SecretStore secrets;

	private final SyncProperties properties;

	SecretContexts(SecretStore secrets, SyncProperties properties) {
		this.secrets = secrets;
		this.properties = properties;
	}

	/** The texts read, by index in the page. */
	Mono<Map<Integer, RawSecret>> read(SourceConnector connector, List<NormalizedAlert> page) {
		if (!properties.readSecretContext() || properties.maxContextReadsPerPage() == 0) {
			return Mono.just(Map.of());
		}
		List<Integer> wanted = IntStream.range(0, page.size())
			.filter(index -> hasFileLocation(page.get(index))
					&& secrets.needsContext(page.get(index).secret(), page.get(index).secretType()))
			.limit(properties.maxContextReadsPerPage())
			.boxed()
			.toList();
		return Flux.fromIterable(wanted)
			.flatMap(index -> connector.readContext(page.get(index))
				.map(text -> Tuples.of(index, text))
				// a file that cannot be read leaves the target unresolved; it never fails the page
				.onErrorResume(ex -> Mono.empty()), CONCURRENT_READS)
			.collectMap(pair -> pair.getT1(), pair -> pair.getT2());
	}

	private static boolean hasFileLocation(NormalizedAlert alert) {
		return alert.locations()
			.stream()
			.anyMatch(location -> location.startLine() != null && (location.blobSha() != null
					|| (location.commitSha() != null && location.path() != null)));
	}

}
