package dev.leakpath.ingest.ado;

import dev.leakpath.model.NormalizedRepository;

/** A repository found by discovery, with its project's visibility. */
record AzureDevOpsRepository(String organization, String projectId, String projectName, String projectVisibility,
		String id, String name, String webUrl, String defaultBranch, boolean disabled) {

	static final String PROVIDER = "azure_devops";

	NormalizedRepository normalized() {
		String branch = defaultBranch == null ? null : defaultBranch.replaceFirst("^refs/heads/", "");
		return new NormalizedRepository(PROVIDER, organization, projectName, name,
				organization + "/" + projectName + "/" + name, id, webUrl, projectVisibility, disabled, branch, true);
	}

}
