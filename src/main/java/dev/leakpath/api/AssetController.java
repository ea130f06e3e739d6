package dev.leakpath.api;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
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

@Tag(name = "assets")
@RestController
class AssetController {

	private static final Set<String> PARAMETERS = Set.of("cloud", "resourceType", "limit", "cursor");

	private final AssetInventory inventory;

	AssetController(AssetInventory inventory) {
		this.inventory = inventory;
	}

	/** Upserts a JSON array of assets by provider id: all of them, or none when any row is invalid. */
	@Operation(operationId = "upsertAssets", summary = "Adds or updates up to 10,000 inventory assets (admin)")
	@PutMapping("/api/v1/assets")
	Mono<AssetInventory.UpsertResult> upsert(@RequestBody List<AssetInput> assets) {
		return inventory.upsert(assets, "api");
	}

	@Operation(operationId = "listAssets", summary = "Inventory assets, with the secrets that reach them")
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "cloud", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "azure, aws or gcp"),
			@Parameter(in = ParameterIn.QUERY, name = "resourceType", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "ARM or CloudFormation type"),
			@Parameter(ref = ApiParameters.LIMIT),
			@Parameter(ref = ApiParameters.CURSOR) })
	@GetMapping("/api/v1/assets")
	Mono<Page<AssetView>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		return inventory.find(query.text("cloud"), query.text("resourceType"), query.cursor(), limit + 1)
			.map(rows -> Page.of(rows, limit, AssetView::id));
	}

}
