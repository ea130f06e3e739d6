package dev.leakpath.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.ingest.SyncSourceView;
import dev.leakpath.ingest.SyncStatusQueries;
import dev.leakpath.ingest.SyncTrigger;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "sync")
@RestController
@RequestMapping("/api/v1/sync")
class SyncController {

	private final SyncService sync;

	private final SyncStatusQueries status;

	SyncController(SyncService sync, SyncStatusQueries status) {
		this.sync = sync;
		this.status = status;
	}

	@Operation(operationId = "startSync", summary = "Starts a poll of every configured organisation (admin)",
			responses = { @ApiResponse(responseCode = "202", description = "the run that polls, perhaps one already under way"),
					@ApiResponse(responseCode = "400", description = "no organisation is configured") })
	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<SyncTrigger> start() {
		if (!sync.hasScopes()) {
			throw ApiProblemException.badRequest("nothing to sync: no organisation is configured");
		}
		return sync.start("api");
	}

	@Operation(operationId = "getSyncStatus", summary = "Each source's last poll, progress and errors")
	@GetMapping
	Mono<SyncStatus> status() {
		return status.sources().map(SyncStatus::new);
	}

	record SyncStatus(List<SyncSourceView> sources) {
	}

}
