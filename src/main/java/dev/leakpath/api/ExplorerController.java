package dev.leakpath.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

import dev.leakpath.explorer.Explorer;
import dev.leakpath.explorer.ExplorerResult;
import dev.leakpath.explorer.ExplorerSchemas;
import dev.leakpath.explorer.ExplorerTemplates;
import dev.leakpath.explorer.SavedQueries;
import dev.leakpath.explorer.SavedQueries.SavedQuery;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "explorer")
@RestController
class ExplorerController {

	private final Explorer explorer;

	private final ExplorerTemplates templates;

	private final SavedQueries saved;

	ExplorerController(Explorer explorer, ExplorerTemplates templates, SavedQueries saved) {
		this.explorer = explorer;
		this.templates = templates;
		this.saved = saved;
	}

	@Operation(operationId = "runExplorerQuery", summary = "Runs a graph query (a read: viewers may run it)")
	@PostMapping("/api/v1/explorer/query")
	Mono<ExplorerResult> query(@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(schema = @Schema(ref = ExplorerSchemas.QUERY_REF))) @RequestBody JsonNode query) {
		return explorer.run(query);
	}

	@Operation(operationId = "listExplorerTemplates", summary = "Built-in query templates")
	@GetMapping("/api/v1/explorer/templates")
	Items<ExplorerTemplates.ExplorerTemplate> templates() {
		return new Items<>(templates.all());
	}

	@Operation(operationId = "saveExplorerQuery", summary = "Saves a named query (admin)",
			responses = { @ApiResponse(responseCode = "201", description = "saved",
					content = @Content(schema = @Schema(implementation = SavedQuery.class))),
					@ApiResponse(responseCode = "409", description = "a saved query has that name") })
	@PostMapping("/api/v1/explorer/saved")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<SavedQuery> save(@RequestBody SaveRequest request) {
		return saved.save(request.name(), request.description(), request.query())
			.onErrorMap(DuplicateKeyException.class, ex -> ApiProblemException.conflict(
					"a saved query named '" + request.name().strip() + "' exists"));
	}

	@Operation(operationId = "listSavedExplorerQueries", summary = "Saved queries")
	@GetMapping("/api/v1/explorer/saved")
	Mono<Items<SavedQuery>> savedQueries() {
		return saved.all().map(Items::new);
	}

	@Operation(operationId = "getSavedExplorerQuery", summary = "One saved query")
	@GetMapping("/api/v1/explorer/saved/{id}")
	Mono<SavedQuery> savedQuery(@Parameter(description = "the saved query's id") @PathVariable long id) {
		return saved.byId(id).switchIfEmpty(Mono.error(() -> ApiProblemException.notFound("no saved query " + id)));
	}

	@Operation(operationId = "deleteSavedExplorerQuery", summary = "Deletes a saved query (admin)",
			responses = @ApiResponse(responseCode = "204", description = "deleted"))
	@DeleteMapping("/api/v1/explorer/saved/{id}")
	Mono<ResponseEntity<Void>> delete(@Parameter(description = "the saved query's id") @PathVariable long id) {
		return saved.delete(id)
			.flatMap(deleted -> deleted ? Mono.just(ResponseEntity.noContent().<Void>build())
					: Mono.error(ApiProblemException.notFound("no saved query " + id)));
	}

	/** @param description what the query is for, or null */
	record SaveRequest(String name, @Nullable String description,
			@Schema(ref = ExplorerSchemas.QUERY_REF) JsonNode query) {
	}

}
