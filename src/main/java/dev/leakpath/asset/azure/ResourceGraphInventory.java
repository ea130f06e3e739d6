package dev.leakpath.asset.azure;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import dev.leakpath.asset.AssetInventory;
import dev.leakpath.periodic.PeriodicLoop;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reads the Azure inventory from Resource Graph every interval, page by page ({@code $skipToken}), and makes
 * it the truth for the source {@code resource-graph}: a resource no longer listed is removed. A failed read
 * changes nothing.
 */
@Component
class ResourceGraphInventory {

	static final String SOURCE = "resource-graph";

	private static final Logger log = LoggerFactory.getLogger(ResourceGraphInventory.class);

	private static final int MAX_PAGES = 1_000;

	private final ResourceGraphProperties properties;

	private final ResourceGraphClient client;

	private final AssetInventory inventory;

	private volatile Disposable schedule;

	ResourceGraphInventory(ResourceGraphProperties properties, WebClient.Builder webClients, AssetInventory inventory) {
		this.properties = properties;
		this.client = new ResourceGraphClient(webClients.build(), properties);
		this.inventory = inventory;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!properties.configured()) {
			return;
		}
		log.info("Reading the Azure inventory from Resource Graph every {}", properties.interval());
		// a failed read keeps the stored inventory
		schedule = PeriodicLoop.start(log, "Reading the Azure inventory from Resource Graph", Duration.ZERO,
				properties.interval(), this::refresh);
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable running = schedule;
		if (running != null) {
			running.dispose();
		}
	}

	/** Reads every page, then replaces the source's assets in one transaction; emits how many were read. */
	Mono<Integer> refresh() {
		return client.page(ResourceGraphAssets.QUERY, null)
			.expand(page -> {
				String next = page.path("$skipToken").asText(null);
				return next == null || next.isBlank() ? Mono.empty() : client.page(ResourceGraphAssets.QUERY, next);
			})
			.take(MAX_PAGES)
			.flatMapIterable(page -> page.path("data"))
			.collectList()
			.map(ResourceGraphAssets::assets)
			.flatMap(assets -> inventory.replaceSource(assets, SOURCE).thenReturn(assets.size()))
			.doOnNext(count -> log.info("Resource Graph: {} Azure resources in the inventory", count));
	}

}
