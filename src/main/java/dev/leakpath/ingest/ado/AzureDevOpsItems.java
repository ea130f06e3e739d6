package dev.leakpath.ingest.ado;

import java.net.URI;

import okhttp3.HttpUrl;

import dev.leakpath.model.NormalizedRepository;

/** Addresses of the Git items API ({@code …/_apis/git/repositories/{id}/items}) for one file, with its content. */
final class AzureDevOpsItems {

	private final URI apiUrl;

	AzureDevOpsItems(URI apiUrl) {
		this.apiUrl = apiUrl;
	}

	/** The file on the default branch; add a {@code versionDescriptor} for another version. */
	HttpUrl.Builder item(NormalizedRepository repository, String path) {
		return HttpUrl.get(apiUrl)
			.newBuilder()
			.addPathSegment(repository.organization())
			.addPathSegment(repository.project())
			.addPathSegments("_apis/git/repositories")
			.addPathSegment(repository.providerRepoId())
			.addPathSegment("items")
			.addQueryParameter("path", "/" + path)
			.addQueryParameter("includeContent", "true")
			.addQueryParameter("api-version", "7.1");
	}

}
