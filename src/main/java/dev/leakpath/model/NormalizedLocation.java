package dev.leakpath.model;

/**
 * Where a secret was found. Commit locations carry path, lines, columns and commit; other kinds (issue
 * comment, pull request body, …) carry the URL of the item in {@code sourceUrl} and {@code fileUrl}.
 */
public record NormalizedLocation(String type, String path, Integer startLine, Integer endLine,
		Integer startColumn, Integer endColumn, String commitSha, String blobSha, String fileUrl,
		String commitUrl, String sourceUrl) {

	/** Identifies the location within its alert, so that seeing it again updates rather than duplicates. */
	public String key() {
		if (commitSha != null || path != null) {
			return String.join("|", type, String.valueOf(commitSha), String.valueOf(path), String.valueOf(startLine),
					String.valueOf(startColumn));
		}
		return type + "|" + sourceUrl;
	}

}
