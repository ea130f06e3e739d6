package dev.leakpath.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Microsoft's SARIF Multitool, from the npm package {@code @microsoft/sarif-multitool-linux} that
 * {@code src/test/sarif} installs ({@code npm ci --prefix src/test/sarif}). Its native binary is run directly:
 * the package's {@code bin.js} passes the arguments through a shell, which splits {@code Sarif;Gh} at the
 * {@code ;}.
 */
public final class SarifMultitool {

	private static final Path BINARY = Path.of("src", "test", "sarif", "node_modules", "@microsoft",
			"sarif-multitool-linux", "Sarif.Multitool");

	private static final ObjectMapper JSON = new ObjectMapper();

	private SarifMultitool() {
	}

	/** What is missing to run it, or null when it can run. */
	public static String missing() {
		return Files.isExecutable(BINARY) ? null : BINARY + " (npm ci --prefix src/test/sarif)";
	}

	/**
	 * Validates {@code sarif} under the given rule kinds ({@code Sarif;Gh}: the SARIF specification's rules and
	 * GitHub code scanning's), writing the Multitool's own SARIF log to {@code output} and what it printed beside
	 * it; returns every finding and notification of that log.
	 */
	public static List<Finding> validate(Path sarif, String ruleKinds, Path output)
			throws IOException, InterruptedException {
		Path console = output.resolveSibling(output.getFileName() + ".log");
		ProcessBuilder multitool = new ProcessBuilder(BINARY.toString(), "validate", "--rule-kind", ruleKinds, "--log",
				"ForceOverwrite", "--output", output.toString(), sarif.toString())
			.redirectErrorStream(true)
			.redirectOutput(console.toFile());
		// .NET without ICU: the machine need not have libicu
		multitool.environment().put("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1");
		Process process = multitool.start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly().waitFor();
			throw new IllegalStateException("the SARIF Multitool did not finish within 3 minutes:\n"
					+ Files.readString(console));
		}
		if (process.exitValue() != 0 || !Files.isRegularFile(output)) {
			throw new IllegalStateException("the SARIF Multitool failed (exit " + process.exitValue() + "):\n"
					+ Files.readString(console));
		}
		return findings(JSON.readTree(output.toFile()));
	}

	private static List<Finding> findings(JsonNode log) {
		List<Finding> findings = new ArrayList<>();
		for (JsonNode run : log.path("runs")) {
			JsonNode rules = run.path("tool").path("driver").path("rules");
			for (JsonNode result : run.path("results")) {
				findings.add(new Finding(result.path("ruleId").asText(), result.path("level").asText("warning"),
						message(rules, result)));
			}
			// the tool's own trouble (an unreadable log, a rule that threw) is a notification, not a result
			for (JsonNode invocation : run.path("invocations")) {
				for (String kind : List.of("toolExecutionNotifications", "toolConfigurationNotifications")) {
					for (JsonNode notification : invocation.path(kind)) {
						findings.add(new Finding(notification.path("descriptor").path("id").asText(kind),
								notification.path("level").asText("warning"),
								notification.path("message").path("text").asText()));
					}
				}
			}
		}
		return findings;
	}

	/** The result's message: its text, or its rule's message string with the arguments put in. */
	private static String message(JsonNode rules, JsonNode result) {
		JsonNode message = result.path("message");
		if (message.hasNonNull("text")) {
			return message.get("text").asText();
		}
		String text = null;
		for (JsonNode rule : rules) {
			if (rule.path("id").asText().equals(result.path("ruleId").asText())) {
				text = rule.path("messageStrings").path(message.path("id").asText()).path("text").asText(null);
			}
		}
		if (text == null) {
			return message.toString();
		}
		JsonNode arguments = message.path("arguments");
		for (int i = 0; i < arguments.size(); i++) {
			text = text.replace("{" + i + "}", arguments.get(i).asText());
		}
		return text;
	}

	/** @param level {@code error}, {@code warning}, {@code note} or {@code none} */
	public record Finding(String ruleId, String level, String message) {

		public boolean error() {
			return "error".equals(level);
		}

	}

}
