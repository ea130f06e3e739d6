package dev.leakpath.demo;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakpath.demo.AdoDemoAlerts.AdoDemoAlert;
import dev.leakpath.demo.AdoDemoOrganization.Project;
import dev.leakpath.demo.AdoDemoOrganization.Repo;
import dev.leakpath.testsupport.AdoAlertSpec;
import dev.leakpath.testsupport.AdoPayloads;
import java.net.URLEncoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fake Azure DevOps's Git items API ({@code GET {org}/{project}/_apis/git/repositories/{repo}/items?path=…
 * &includeContent=true}, "Items - Get" of MicrosoftDocs/vsts-rest-api-specs {@code specification/git/7.1/git.json}):
 * each alert's file at each commit it names, and the CODEOWNERS files on the default branch. It answers a
 * {@code GitItem} with the file in {@code content}; any other path or version gets the service's 404.
 */
final class AdoDemoItems {

	private static final String API_VERSION = "7.1";
	private static final String WEB = "https://dev.azure.com";
	private static final int CATCH_ALL_PRIORITY = 9;
	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final WireMockTree tree;

	AdoDemoItems(WireMockTree tree) {
		this.tree = tree;
	}

	/** The body of the item at {@code commitHash}, where {@code DemoSecrets} also looks for the secret. */
	static String fileAtCommit(String repositoryId, String commitHash) {
		return "ado/items/" + repositoryId + "/" + commitHash + ".json";
	}

	void writeFilesAtCommits(Project project, Repo repo, AdoDemoAlert alert) {
		AdoAlertSpec spec = alert.spec();
		for (int i = 0; i < spec.locations().size(); i++) {
			AdoAlertSpec.Location location = spec.locations().get(i);
			String content = AdoDemoFiles.file(location.filePath(), location.lineStart(), alert.secretLines().get(i));
			String bodyFile = fileAtCommit(repo.id(), location.commitHash());
			tree.writeBody(bodyFile, item(project, repo, location.filePath(), location.commitHash(), content));
			ObjectNode request = itemRequest(project, repo, location.filePath());
			ObjectNode query = (ObjectNode) request.get("queryParameters");
			query.set("versionDescriptor.version", AdoDemoMappings.equalTo(location.commitHash()));
			// the service reads version types case-insensitively
			query.set("versionDescriptor.versionType", AdoDemoMappings.equalTo("commit").put("caseInsensitive", true));
			tree.writeMapping("ado-items/" + repo.name() + "-" + location.commitHash() + ".json",
					AdoDemoMappings.PRIORITY, request, AdoDemoMappings.json(200, bodyFile));
		}
	}

	/** Without a version, the items API reads the default branch: where leakpath looks for CODEOWNERS. */
	void writeCodeOwners(Project project, Repo repo) {
		DemoCodeOwners.of(project.name() + "/" + repo.name()).ifPresent(file -> {
			String bodyFile = "ado/" + project.name() + "/" + repo.name() + "/codeowners.json";
			tree.writeBody(bodyFile, item(project, repo, file.path(), headCommit(repo), file.text()));
			ObjectNode request = itemRequest(project, repo, file.path());
			((ObjectNode) request.get("queryParameters")).set("versionDescriptor.version",
					JSON.objectNode().put("absent", true));
			tree.writeMapping("ado-items/" + repo.name() + "-codeowners.json", AdoDemoMappings.PRIORITY, request,
					AdoDemoMappings.json(200, bodyFile));
		});
	}

	// TF401174 is the service's answer for a path that is not in the tree at that version.
	void writeItemNotFound() {
		String bodyFile = "ado/item-not-found.json";
		tree.writeBody(bodyFile, AdoPayloads.error("TF401174: The item '{{request.query.path}}' could not be found in"
				+ " the repository at the version specified.",
				"Microsoft.TeamFoundation.Git.Server.GitItemNotFoundException, Microsoft.TeamFoundation.Git.Server",
				"GitItemNotFoundException"));
		ObjectNode request = JSON.objectNode()
				.put("method", "GET")
				.put("urlPathPattern", "/" + AdoDemoOrganization.NAME + "/[^/]+/_apis/git/repositories/[^/]+/items");
		ObjectNode response = AdoDemoMappings.json(404, bodyFile);
		response.putArray("transformers").add("response-template");
		tree.writeMapping("ado-items-not-found.json", CATCH_ALL_PRIORITY, request, response);
	}

	// The service takes the project's name or id; leakpath sends the name.
	private static ObjectNode itemRequest(Project project, Repo repo, String path) {
		ObjectNode request = JSON.objectNode()
				.put("method", "GET")
				.put("urlPathPattern", "/" + AdoDemoOrganization.NAME + "/(" + project.name() + "|"
						+ project.id() + ")/_apis/git/repositories/" + repo.id() + "/items");
		request.putObject("queryParameters")
				.<ObjectNode>set("api-version", AdoDemoMappings.equalTo(API_VERSION))
				.<ObjectNode>set("path", AdoDemoMappings.equalTo("/" + path))
				.set("includeContent", AdoDemoMappings.equalTo("true").put("caseInsensitive", true));
		return request;
	}

	/** {@code GitItem}: a blob, its id the git object id of its content. */
	private static ObjectNode item(Project project, Repo repo, String path, String commit, String content) {
		String url = WEB + "/" + AdoDemoOrganization.NAME + "/" + project.id() + "/_apis/git/repositories/" + repo.id()
				+ "/items?path=" + URLEncoder.encode("/" + path, UTF_8) + "&versionType=Commit&version=" + commit
				+ "&versionOptions=None";
		return JSON.objectNode()
				.put("objectId", sha1("blob " + content.getBytes(UTF_8).length + "\0" + content))
				.put("gitObjectType", "blob")
				.put("commitId", commit)
				.put("path", "/" + path)
				.put("content", content)
				.put("url", url);
	}

	// The default branch's head: stable for one repository, made up like every other commit here.
	private static String headCommit(Repo repo) {
		return sha1("head of " + repo.id());
	}

	private static String sha1(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
