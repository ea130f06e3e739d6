package dev.leakpath.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.suppression.SuppressionDryRun;
import dev.leakpath.suppression.SuppressionRule;
import dev.leakpath.suppression.SuppressionRules;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Suppression rules: those of config, and a dry run of one before it goes there. The rules span every
 * organisation, so a viewer scoped to some does not read them; a dry run, like any change, is an admin's.
 */
@Tag(name = "suppression")
@RestController
class SuppressionController {

	private final SuppressionRules rules;

	private final SuppressionDryRun dryRun;

	SuppressionController(SuppressionRules rules, SuppressionDryRun dryRun) {
		this.rules = rules;
		this.dryRun = dryRun;
	}

	@Operation(operationId = "listSuppressionRules",
			summary = "The suppression rules of config: the open alerts each matches are dismissed at their provider")
	@GetMapping("/api/v1/suppression/rules")
	List<SuppressionRule> rules() {
		return rules.configured();
	}

	@Operation(operationId = "dryRunSuppressionRule",
			summary = "The open alerts a rule would dismiss now (admin): a count, at most 10,000, and the first 100; "
					+ "nothing is written. 400 naming what is wrong with the rule")
	@PostMapping("/api/v1/suppression/dry-run")
	Mono<SuppressionDryRun.Result> dryRun(@RequestBody SuppressionRule rule) {
		return dryRun.run(rule);
	}

}
