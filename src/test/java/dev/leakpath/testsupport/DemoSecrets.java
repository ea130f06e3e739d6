package dev.leakpath.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The raw secrets the demo's fake providers serve: none may ever show up anywhere leakpath writes. */
public final class DemoSecrets {

	private DemoSecrets() {
	}

	public static List<String> all() throws IOException {
		ObjectMapper mapper = new ObjectMapper();
		List<String> secrets = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("wiremock-mappings", "__files"))) {
			for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
				JsonNode body = mapper.readTree(file.toFile());
				body.findValues("secret").forEach(secret -> secrets.add(secret.asText()));
			}
		}
		return secrets;
	}

}
