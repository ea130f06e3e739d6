package dev.leakpath.triage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.leakpath.ingest.AlertWriteBack;
import dev.leakpath.ingest.SecretRevocation;
import dev.leakpath.ingest.SourceConnector;

import org.springframework.stereotype.Component;

/** Each provider's write-back, from its connector: the same client, credentials and rate-limit handling. */
@Component
class TriageProviders {

	private final Map<String, AlertWriteBack> writeBacks;

	private final Map<String, SecretRevocation> revocations;

	TriageProviders(List<SourceConnector> connectors) {
		this.revocations = connectors.stream()
			.filter(connector -> connector.revocation().isPresent())
			.collect(Collectors.toMap(SourceConnector::provider, connector -> connector.revocation().get()));
		this.writeBacks = connectors.stream()
			.filter(connector -> connector.writeBack().isPresent())
			.collect(Collectors.toMap(SourceConnector::provider, connector -> connector.writeBack().get()));
	}

	Optional<AlertWriteBack> of(String provider) {
		return Optional.ofNullable(writeBacks.get(provider));
	}

	/** How this provider revokes secrets; empty when it cannot. */
	Optional<SecretRevocation> revocation(String provider) {
		return Optional.ofNullable(revocations.get(provider));
	}

	/** Whether leakpath keeps the assignee of this provider's alerts itself, the provider having none. */
	boolean assigneesKeptByLeakpath(String provider) {
		return of(provider).map(writeBack -> !writeBack.keepsAssignees()).orElse(false);
	}

}
