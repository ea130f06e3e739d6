package dev.leakpath.ingest.ado;

import java.io.IOException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.ado.payload.ProjectPayload;
import dev.leakpath.ingest.ado.payload.RepositoryPayload;

/** Lists an organisation's projects and their repositories, in a stable order. */
final class AzureDevOpsDiscovery {

	private static final String API_VERSION = "7.1";

	private final AzureDevOpsClient client;

	private final URI apiUrl;

	private final ObjectMapper mapper;

	AzureDevOpsDiscovery(AzureDevOpsClient client, URI apiUrl, ObjectMapper mapper) {
		this.client = client;
		this.apiUrl = apiUrl;
		this.mapper = mapper;
	}

	Mono<List<AzureDevOpsRepository>> repositories(String organization) {
		return projects(organization)
			.concatMap(project -> client.get(url(organization, project.id(), "_apis", "git", "repositories").build())
				.flatMapIterable(response -> read(response.body(), RepositoryPayload.class))
				.map(repository -> new AzureDevOpsRepository(organization, project.id(), project.name(),
						project.visibility(), repository.id(), repository.name(), repository.webUrl(),
						repository.defaultBranch(), Boolean.TRUE.equals(repository.isDisabled()))))
			.sort(Comparator.comparing(AzureDevOpsRepository::projectName).thenComparing(AzureDevOpsRepository::name))
			.collectList();
	}

	private Flux<ProjectPayload> projects(String organization) {
		HttpUrl first = url(organization, null, "_apis", "projects").addQueryParameter("$top", "100").build();
		return client.get(first)
			.expand(response -> response.continuationToken() == null ? Mono.empty()
					: client.get(first.newBuilder().setQueryParameter("continuationToken", response.continuationToken()).build()))
			.flatMapIterable(response -> read(response.body(), ProjectPayload.class));
	}

	private HttpUrl.Builder url(String organization, String project, String... segments) {
		HttpUrl.Builder url = HttpUrl.get(apiUrl).newBuilder().addPathSegment(organization);
		if (project != null) {
			url.addPathSegment(project);
		}
		for (String segment : segments) {
			url.addPathSegment(segment);
		}
		return url.addQueryParameter("api-version", API_VERSION);
	}

	private <T> List<T> read(JsonNode body, Class<T> type) {
		try {
			return mapper.readerForListOf(type).readValue(body.path("value"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Azure DevOps answered a " + type.getSimpleName().replace("Payload", "")
					+ " list that cannot be read");
		}
	}

}
