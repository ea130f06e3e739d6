package dev.leakpath.api;

import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.asset.AssetInventory;
import dev.leakpath.asset.AssetView;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AssetController {

	private static final Set<String> PARAMETERS = Set.of("cloud", "resourceType", "limit", "cursor");

	private final AssetInventory inventory;

	AssetController(AssetInventory inventory) {
		this.inventory = inventory;
	}

	/** Upserts a JSON array of assets by provider id: all of them, or none when any row is invalid. */
	@PutMapping("/api/v1/assets")
	Mono<AssetInventory.UpsertResult> upsert(@RequestBody List<AssetInput> assets) {
		return inventory.upsert(assets, "api");
	}

	@GetMapping("/api/v1/assets")
	Mono<Page<AssetView>> list(@RequestParam MultiValueMap<String, String> parameters) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		return inventory.find(query.text("cloud"), query.text("resourceType"), query.cursor(), limit + 1)
			.map(rows -> Page.of(rows, limit, AssetView::id));
	}

}
