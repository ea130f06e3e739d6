package dev.leakpath.demo;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.leakpath.demo.DemoAlerts.DemoAlert;
import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.GitHubWebhookPayloads;

/**
 * What the demo's triage and revocation need of the fake GitHub, in the shapes of GitHub's REST description
 * ({@code @octokit/openapi}, {@code secret-scanning/get-alert}, {@code secret-scanning/update-alert},
 * {@code credentials/revoke}):
 * <ul>
 * <li>get-alert for every demo alert, as the listing shows it: without {@code secret} when asked
 * {@code hide_secret=true}, with it otherwise (what a revocation reads);</li>
 * <li>update-alert answering the alert as the PATCH leaves it: resolved with the asked resolution and comment,
 * open again, or assigned. The fake keeps no state: the next listing still shows the alert as it was, so the
 * dashboard shows the change applied but not yet confirmed, as it does until GitHub's listing catches up;</li>
 * <li>{@code POST /credentials/revoke}: 202 with an empty object, as documented.</li>
 * </ul>
 */
final class GitHubTriageDemoMappings {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final int PRIORITY = 5;

	private static final String ANY_ALERT = "/repos/[^/]+/[^/]+/secret-scanning/alerts/[0-9]+";

	private final WireMockTree tree;

	GitHubTriageDemoMappings(WireMockTree tree) {
		this.tree = tree;
	}

	void write(List<DemoAlert> alerts) {
		for (DemoAlert alert : alerts) {
			writeGetAlert(alert.spec());
		}
		writeUpdate("resolve", "$[?(@.state == 'resolved')]", """
				"state": "resolved",
				"resolution": "{{jsonPath request.body '$.resolution'}}",
				"resolution_comment": {{#if (jsonPath request.body '$.resolution_comment')}}"{{jsonPath request.body '$.resolution_comment'}}"{{else}}null{{/if}},
				"resolved_at": "{{now}}",
				"resolved_by": {"login": "leakpath-demo", "id": 90001, "type": "User"},
				"assigned_to": null,
				""");
		writeUpdate("reopen", "$[?(@.state == 'open')]", """
				"state": "open",
				"resolution": null,
				"resolved_at": null,
				"resolved_by": null,
				"assigned_to": null,
				""");
		writeUpdate("assign", "$.assignee", """
				"state": "open",
				"resolution": null,
				"resolved_at": null,
				"assigned_to": {"login": "{{jsonPath request.body '$.assignee'}}", "id": 90002, "type": "User"},
				""");
		ObjectNode revoke = MAPPER.createObjectNode().put("method", "POST").put("urlPath", "/credentials/revoke");
		ObjectNode accepted = MAPPER.createObjectNode().put("status", 202).put("body", "{}");
		accepted.putObject("headers").put("Content-Type", "application/json; charset=utf-8");
		tree.writeMapping("credentials-revoke.json", PRIORITY, revoke, accepted);
	}

	private void writeGetAlert(AlertSpec spec) {
		ObjectNode alert = DemoDates.relativeToToday(GitHubWebhookPayloads.repositoryAlert(GitHubPayloads.alert(spec)));
		String path = "/repos/" + spec.org() + "/" + spec.repoName() + "/secret-scanning/alerts/" + spec.number();
		String name = "triage/" + spec.org() + "/" + spec.repoName() + "/" + spec.number();
		tree.writeBody(name + "-with-secret.json", alert);
		tree.writeMapping(name + "-with-secret.json", PRIORITY + 1, get(path), ok(name + "-with-secret.json"));
		ObjectNode hidden = alert.deepCopy();
		hidden.remove("secret");
		tree.writeBody(name + ".json", hidden);
		ObjectNode request = get(path);
		request.putObject("queryParameters").putObject("hide_secret").put("equalTo", "true");
		tree.writeMapping(name + ".json", PRIORITY, request, ok(name + ".json"));
	}

	/** An update-alert answer: the fields the PATCH set, the alert's identity from its address. */
	private void writeUpdate(String kind, String bodyJsonPath, String fields) {
		ObjectNode request = MAPPER.createObjectNode().put("method", "PATCH").put("urlPathPattern", ANY_ALERT);
		request.putArray("bodyPatterns").addObject().put("matchesJsonPath", bodyJsonPath);
		String body = "{\n\"number\": {{request.pathSegments.[5]}},\n" + fields
				+ "\"updated_at\": \"{{now}}\",\n"
				+ "\"url\": \"{{request.baseUrl}}{{request.path}}\",\n"
				+ "\"html_url\": \"https://github.com/{{request.pathSegments.[1]}}/{{request.pathSegments.[2]}}"
				+ "/security/secret-scanning/{{request.pathSegments.[5]}}\"\n}";
		ObjectNode response = MAPPER.createObjectNode().put("status", 200).put("body", body);
		response.putObject("headers").put("Content-Type", "application/json; charset=utf-8");
		response.putArray("transformers").add("response-template");
		tree.writeMapping("triage/update-alert-" + kind + ".json", PRIORITY, request, response);
	}

	private static ObjectNode get(String path) {
		return MAPPER.createObjectNode().put("method", "GET").put("urlPath", path);
	}

	private static ObjectNode ok(String bodyFileName) {
		ObjectNode response = MAPPER.createObjectNode().put("status", 200).put("bodyFileName", bodyFileName);
		response.putObject("headers").put("Content-Type", "application/json; charset=utf-8");
		response.putArray("transformers").add("response-template");
		return response;
	}

}
