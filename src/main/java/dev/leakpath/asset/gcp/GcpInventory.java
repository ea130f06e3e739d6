package dev.leakpath.asset.gcp;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import dev.leakpath.asset.AssetInventory;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.periodic.PeriodicLoop;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads the GCP inventory of the scope every interval from Cloud Asset Inventory: its IAM policies, then its
 * resources, each page by page ({@code pageToken}), and makes them the truth for the source {@code gcp:<scope>}
 * and the scope's rows of the GCP identity tables, then evaluates what each service account may access
 * ({@link GcpAccessEvaluation}). A read that fails, or whose listing is not whole (more than
 * {@code max-pages} pages), changes nothing: a partial listing would delete what it left out.
 */
@Component
class GcpInventory {

	private static final Logger log = LoggerFactory.getLogger(GcpInventory.class);

	private final GcpInventoryProperties properties;

	private final CloudAssetClient client;

	private final AssetInventory inventory;

	private final GcpIdentityStore identities;

	private final GcpAccessEvaluation access;

	private volatile Disposable schedule;

	GcpInventory(GcpInventoryProperties properties, CloudAssetClient client, AssetInventory inventory,
			GcpIdentityStore identities, GcpAccessEvaluation access) {
		this.properties = properties;
		this.client = client;
		this.inventory = inventory;
		this.identities = identities;
		this.access = access;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!properties.configured()) {
			if (properties.credentialsFile() != null || properties.scope() != null) {
				log.warn("The GCP inventory is off: it needs both leakpath.assets.gcp.credentials-file and "
						+ "leakpath.assets.gcp.scope");
			}
			return;
		}
		log.info("Reading the GCP inventory of {} from Cloud Asset Inventory every {}", properties.scope(),
				properties.interval());
		schedule = PeriodicLoop.start(log, "Reading the GCP inventory from Cloud Asset Inventory",
				properties.initialDelay(), properties.interval(), this::refresh);
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable running = schedule;
		if (running != null) {
			running.dispose();
		}
	}

	/** Reads the whole scope, then replaces what was stored of it; emits what was read. */
	Mono<GcpRead> refresh() {
		String scope = properties.scope();
		// a refused policy search (PERMISSION_DENIED: no cloudasset.assets.searchAllIamPolicies) still lets the
		// resources be read; every service account's reach is then assumed, as for an AWS user whose policies
		// cannot be read. Any other failure fails the read.
		Mono<Optional<List<JsonNode>>> policies = all("searchAllIamPolicies",
				token -> client.iamPolicies(CloudAssetMapping.POLICY_TYPES, token))
			.map(Optional::of)
			.onErrorResume(GcpInventory::policiesRefused, refused -> {
				log.warn("The IAM policies of {} cannot be read ({}): every service account's reach is assumed", scope,
						refused.getMessage());
				return Mono.just(Optional.empty());
			});
		Mono<List<JsonNode>> resources = all("searchAllResources",
				token -> client.resources(CloudAssetMapping.RESOURCE_TYPES, CloudAssetMapping.READ_MASK, token));
		return policies.flatMap(read -> {
			boolean policiesRead = read.isPresent();
			List<GcpRead.Binding> bindings = CloudAssetMapping.bindings(read.orElse(List.of()));
			return resources.map(results -> CloudAssetMapping.read(results, bindings))
				.flatMap(gcp -> inventory.replaceSource(gcp.assets(), "gcp:" + scope)
					.then(identities.replaceScope(scope, gcp))
					.then(access.evaluateScope(scope, policiesRead))
					.thenReturn(gcp));
		})
			.doOnNext(read -> log.info("Cloud Asset Inventory: {} GCP assets, {} service accounts and {} IAM bindings "
					+ "of {} in the inventory", read.assets().size(), read.serviceAccounts().size(),
					read.bindings().size(), scope));
	}

	/** Every result of a search, following {@code nextPageToken}; an error past {@code max-pages}. */
	private Mono<List<JsonNode>> all(String method, Function<String, Mono<CloudAssetPage>> page) {
		return page.apply(null)
			.map(first -> new NumberedPage(1, first))
			.expand(current -> {
				if (current.page().nextPageToken() == null) {
					return Mono.empty();
				}
				if (current.number() >= properties.maxPages()) {
					return Mono.error(new IllegalStateException("The GCP inventory was not replaced, the stored one "
							+ "stays: " + method + " lists more than " + properties.maxPages() + " pages of "
							+ properties.pageSize() + "; raise leakpath.assets.gcp.max-pages"));
				}
				return page.apply(current.page().nextPageToken())
					.map(next -> new NumberedPage(current.number() + 1, next));
			})
			.flatMapIterable(numbered -> numbered.page().results())
			.collectList();
	}

	private static boolean policiesRefused(Throwable error) {
		return error instanceof PermanentSourceException refused && refused.status() == 403;
	}

	private record NumberedPage(int number, CloudAssetPage page) {
	}

}
