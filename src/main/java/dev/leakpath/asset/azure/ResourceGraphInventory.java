package dev.leakpath.asset.azure;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

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

/**
 * Reads the Azure inventory from Resource Graph every interval, page by page ({@code $skipToken}), and makes
 * it the truth for the source {@code resource-graph}: a resource no longer listed is removed. A failed read
 * changes nothing, and so neither does a listing that is not whole (more than {@code max-pages} pages, a
 * truncated answer, the subscription limit hit): taken as the truth, it would delete what it left out.
 */
@Component
class ResourceGraphInventory {

	static final String SOURCE = "resource-graph";

	private static final Logger log = LoggerFactory.getLogger(ResourceGraphInventory.class);

	private final ResourceGraphProperties properties;

	private final ResourceGraphClient client;

	private final AssetInventory inventory;

	private final ResourceGraphIdentities identities;

	private volatile Disposable schedule;

	ResourceGraphInventory(ResourceGraphProperties properties, ResourceGraphClient client, AssetInventory inventory,
			ResourceGraphIdentities identities) {
		this.properties = properties;
		this.client = client;
		this.inventory = inventory;
		this.identities = identities;
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

	/**
	 * Reads every page, then replaces the source's assets in one transaction, then the tenant's role assignments
	 * and what its service principals may access ({@link ResourceGraphIdentities}); emits how many assets were
	 * read. A failed RBAC read keeps the stored identities and does not undo the assets.
	 */
	Mono<Integer> refresh() {
		return rows(ResourceGraphAssets.QUERY)
			.map(ResourceGraphAssets::assets)
			.flatMap(assets -> inventory.replaceSource(assets, SOURCE).thenReturn(assets.size()))
			.doOnNext(count -> log.info("Resource Graph: {} Azure resources in the inventory", count))
			.flatMap(count -> identities.refresh(rows(ResourceGraphIdentities.QUERY), rows(ManagementGroupChains.QUERY))
				.doOnError(ex -> log.warn("Resource Graph: the Azure role assignments were not read, the stored "
						+ "ones stay: {}", ex.toString()))
				.onErrorResume(ex -> Mono.empty())
				.thenReturn(count));
	}

	/** Every row of the query, page by page; an error when the listing cannot be had whole. */
	private Mono<List<JsonNode>> rows(String query) {
		return client.page(query, null)
			.map(first -> new NumberedPage(1, first))
			.expand(current -> next(query, current))
			.flatMapIterable(numbered -> numbered.page().rows())
			.collectList();
	}

	/** The page after {@code current}; an error when the listing cannot be had whole. */
	private Mono<NumberedPage> next(String query, NumberedPage current) {
		ResourceGraphPage page = current.page();
		if (page.subscriptionLimitHit()) {
			return incomplete("the principal sees more than 10,000 subscriptions and Resource Graph read only the "
					+ "first; list the ones to read in leakpath.assets.resource-graph.subscriptions");
		}
		if (page.skipToken() == null) {
			return page.truncated() ? incomplete("Resource Graph truncated the result and gave no $skipToken for the rest")
					: Mono.empty();
		}
		if (current.number() >= properties.maxPages()) {
			return incomplete("Resource Graph lists more than " + properties.maxPages() + " pages of "
					+ properties.pageSize() + " rows; raise leakpath.assets.resource-graph.max-pages");
		}
		return client.page(query, page.skipToken())
			.map(next -> new NumberedPage(current.number() + 1, next));
	}

	private static <T> Mono<T> incomplete(String why) {
		return Mono.error(new IllegalStateException("The Azure inventory was not replaced, the stored one stays: " + why));
	}

	private record NumberedPage(int number, ResourceGraphPage page) {
	}

}
