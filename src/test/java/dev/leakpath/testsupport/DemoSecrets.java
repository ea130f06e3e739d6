package dev.leakpath.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The raw secrets the demo's fake providers serve: none may ever show up anywhere leakpath writes. GitHub's are
 * the alerts' {@code secret}; Azure DevOps never sends one, so its are read as a scanner would, from the region
 * of each alert location in the file the fake serves at that commit. A GCP service-account key file's private key
 * is listed too, as the file writes it and as a JSON reader gets it: no part of the file may show up alone either.
 */
public final class DemoSecrets {

	private static final Path FILES = Path.of("wiremock-mappings", "__files");

	/** The get-alert answers for triage: each repeats its listing's alert, secret included. */
	private static final Path TRIAGE = FILES.resolve("triage");

	private DemoSecrets() {
	}

	public static List<String> all() throws IOException {
		ObjectMapper mapper = new ObjectMapper();
		List<String> secrets = new ArrayList<>();
		try (Stream<Path> files = Files.walk(FILES)) {
			for (Path file : files.filter(path -> path.toString().endsWith(".json") && !path.startsWith(TRIAGE))
				.sorted()
				.toList()) {
				JsonNode body = mapper.readTree(file.toFile());
				for (JsonNode secret : body.findValues("secret")) {
					secrets.add(secret.asText());
					secrets.addAll(privateKeyOfKeyFile(mapper, secret.asText()));
				}
				if (file.getFileName().toString().startsWith("alerts-page-")) {
					for (JsonNode alert : body.path("value")) {
						secrets.addAll(azureDevOpsSecrets(mapper, alert));
					}
				}
			}
		}
		return secrets;
	}

	private static List<String> privateKeyOfKeyFile(ObjectMapper mapper, String secret) throws IOException {
		if (!secret.startsWith("{") || !secret.contains("\"service_account\"")) {
			return List.of();
		}
		String privateKey = mapper.readTree(secret).path("private_key").asText();
		return List.of(privateKey, privateKey.replace("\n", "\\n"));
	}

	private static List<String> azureDevOpsSecrets(ObjectMapper mapper, JsonNode alert) throws IOException {
		List<String> secrets = new ArrayList<>();
		for (JsonNode location : alert.path("physicalLocations")) {
			Path item = FILES.resolve("ado/items/" + alert.path("repositoryId").asText() + "/"
					+ location.path("versionControl").path("commitHash").asText() + ".json");
			if (!Files.isRegularFile(item)) {
				throw new IllegalStateException("the fake Azure DevOps serves no file for a location of alert "
						+ alert.path("alertId").asText() + ": " + item);
			}
			String content = mapper.readTree(item.toFile()).path("content").asText();
			JsonNode region = location.path("region");
			String line = content.lines().skip(region.path("lineStart").asInt() - 1L).findFirst().orElseThrow();
			secrets.add(line.substring(region.path("columnStart").asInt() - 1, region.path("columnEnd").asInt() - 1));
		}
		return secrets;
	}

}
