package dev.leakpath.asset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.leakpath.periodic.PeriodicLoop;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * Inventory files: every {@code *.json}, {@code *.yaml} and {@code *.yml} under the directory holds a list
 * of assets (or {@code {"assets": [...]}}). Each file is its own source, {@code file:<name>}: loaded at start
 * and again when it changes, all or nothing; assets it no longer lists, or of a removed file, are deleted. A
 * file that is not a valid inventory is read again only once it changes; one that could not be read or stored
 * (an I/O or database failure) is tried again at every scan until it loads, and so is a removed file's deletion.
 */
@Component
class AssetFiles {

	private static final Logger log = LoggerFactory.getLogger(AssetFiles.class);

	private final AssetFileProperties properties;

	private final AssetInventory inventory;

	private final ObjectMapper json;

	private final ObjectMapper yaml;

	/** What each file was when last loaded (or refused): only a change reads it again. */
	private final Map<Path, FileTime> seen = new HashMap<>();

	/** Files whose last load or removal failed, so that a run of failures is logged once. */
	private final Set<Path> failing = ConcurrentHashMap.newKeySet();

	private volatile Disposable watching;

	AssetFiles(AssetFileProperties properties, AssetInventory inventory, ObjectMapper json) {
		this.properties = properties;
		this.inventory = inventory;
		this.json = json;
		this.yaml = new ObjectMapper(new YAMLFactory());
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		watching = PeriodicLoop.start(log, "Reading inventory files in " + properties.directory(), Duration.ZERO,
				properties.scanInterval(), this::scan);
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable running = watching;
		if (running != null) {
			running.dispose();
		}
	}

	/** Loads new and changed files, and removes the assets of removed ones; emits how many files were loaded. */
	Mono<Integer> scan() {
		return Mono.fromCallable(this::changes).subscribeOn(Schedulers.boundedElastic()).flatMap(changes -> {
			Mono<Void> removals = Flux.fromIterable(changes.removed()).concatMap(this::remove).then();
			return removals.then(Flux.fromIterable(changes.changed().entrySet())
				.concatMap(file -> load(file.getKey(), file.getValue()))
				.reduce(0, Integer::sum));
		});
	}

	/** Forgets the file once its assets are gone: until then every scan sees it removed again. */
	private Mono<Void> remove(Path file) {
		return inventory.replaceSource(List.of(), source(file))
			.doOnNext(result -> {
				log.info("Inventory file {} is gone: its assets were removed", file.getFileName());
				failing.remove(file);
				synchronized (seen) {
					seen.remove(file);
				}
			})
			.then()
			.onErrorResume(ex -> {
				failed(file, "is gone but its assets could not be removed", ex);
				return Mono.empty();
			});
	}

	private Mono<Integer> load(Path file, FileTime modified) {
		return Mono.fromCallable(() -> read(file)).subscribeOn(Schedulers.boundedElastic())
			.flatMap(assets -> inventory.replaceSource(assets, source(file)))
			.doOnNext(result -> {
				log.info("Inventory file {}: {} assets, {} new or changed", file.getFileName(), result.received(),
						result.changed());
				seen(file, modified);
			})
			.thenReturn(1)
			.onErrorResume(ex -> {
				if (ex instanceof InvalidAssetsException invalid) {
					refused(file, modified, invalid.getMessage() + ": " + invalid.errors());
				}
				else if (ex instanceof JsonProcessingException unreadable) {
					refused(file, modified, unreadable.getMessage());
				}
				else {
					// not seen: the next scan tries again
					failed(file, "could not be loaded", ex);
				}
				return Mono.just(0);
			});
	}

	/** A file that is not a valid inventory: read again when it changes. */
	private void refused(Path file, FileTime modified, String why) {
		log.error("Inventory file {} was not loaded, nothing of it was stored: {}", file.getFileName(), why);
		seen(file, modified);
	}

	private void seen(Path file, FileTime modified) {
		failing.remove(file);
		synchronized (seen) {
			seen.put(file, modified);
		}
	}

	/**
	 * Logs the first of a run of failures of one file as a warning, the ones after it at debug; with the root
	 * cause only (a database error's message quotes the whole statement).
	 */
	private void failed(Path file, String what, Throwable ex) {
		String message = "Inventory file {} {}, trying again at the next scan: {}";
		String why = NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
		if (failing.add(file)) {
			log.warn(message, file.getFileName(), what, why);
		}
		else {
			log.debug(message, file.getFileName(), what, why);
		}
	}

	private List<AssetInput> read(Path file) throws IOException {
		String name = file.getFileName().toString();
		JsonNode root = (name.endsWith(".json") ? json : yaml).readTree(file.toFile());
		JsonNode list = root != null && root.isObject() ? root.path("assets") : root;
		if (list == null || !list.isArray()) {
			throw new JsonMappingException(null, "expected a list of assets, or an object with an \"assets\" list");
		}
		return json.readerForListOf(AssetInput.class).readValue(list);
	}

	private Changes changes() throws IOException {
		Path directory = properties.directory();
		Map<Path, FileTime> current = new HashMap<>();
		if (Files.isDirectory(directory)) {
			try (Stream<Path> files = Files.list(directory)) {
				for (Path file : files.filter(AssetFiles::isInventoryFile).toList()) {
					current.put(file, Files.getLastModifiedTime(file));
				}
			}
		}
		synchronized (seen) {
			Map<Path, FileTime> changed = new HashMap<>();
			current.forEach((file, modified) -> {
				if (!modified.equals(seen.get(file))) {
					changed.put(file, modified);
				}
			});
			Set<Path> removed = new HashSet<>(seen.keySet());
			removed.removeAll(current.keySet());
			return new Changes(changed, removed);
		}
	}

	private static boolean isInventoryFile(Path file) {
		String name = file.getFileName().toString();
		return Files.isRegularFile(file) && (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml"));
	}

	private static String source(Path file) {
		return "file:" + file.getFileName();
	}

	private record Changes(Map<Path, FileTime> changed, Set<Path> removed) {
	}

}
