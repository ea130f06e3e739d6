package dev.leakpath.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.leakpath.recommendation.Remediations;
import dev.leakpath.secrettype.SecretType;

/**
 * A SARIF rule per secret type: its id is the catalogue's, with the descriptions, help and tags code scanning
 * asks a rule for (the Multitool's GH2012), and the remediation steps the recommendations give for the type.
 */
final class SarifRules {

	/** CWE-798, use of hard-coded credentials, in the form code scanning shows as a CWE tag. */
	static final String CWE_TAG = "external/cwe/cwe-798";

	private static final Map<String, String> PROVIDERS = Map.of("github", "GitHub", "azure_devops", "Azure DevOps");

	private static final Map<String, String> HELP_URIS = Map.of("github",
			"https://docs.github.com/code-security/secret-scanning", "azure_devops",
			"https://learn.microsoft.com/azure/devops/repos/security/github-advanced-security-secret-scanning");

	/** What a type's catalogue target names, as the end of "can use it to reach …". */
	private static final Map<String, String> TARGETS = Map.ofEntries(Map.entry("object_storage", "object storage"),
			Map.entry("managed_database", "a managed database"), Map.entry("cache", "a cache"),
			Map.entry("message_bus", "a message bus"), Map.entry("key_vault", "a key vault"),
			Map.entry("container_registry", "a container registry"), Map.entry("virtual_machine", "a virtual machine"),
			Map.entry("web_app", "a web application"), Map.entry("ai_service", "an AI service"),
			Map.entry("cloud_identity", "a cloud identity"), Map.entry("saas", "a SaaS account"),
			Map.entry("host", "a host"));

	private static final Set<String> NO_TARGET = Set.of("none", "other", "unknown");

	private SarifRules() {
	}

	/**
	 * The rule id of a secret type: the catalogue's id; a provider's word for a type the catalogue does not map
	 * keeps only the characters of an id, so that a rule id never has a space or a slash.
	 */
	static String id(String secretType) {
		return secretType.replaceAll("[^A-Za-z0-9_.-]", "_");
	}

	/** @param provider the provider whose secret scanning found the run's alerts */
	static Map<String, Object> rule(SecretType type, String provider) {
		String id = id(type.id());
		String providerName = PROVIDERS.getOrDefault(provider, provider);
		Map<String, Object> rule = new LinkedHashMap<>();
		rule.put("id", id);
		String displayName = type.name() == null ? type.id() : type.name();
		String name = pascalCase(displayName);
		// a name that is the id says nothing more (the Multitool's SARIF1001)
		if (!name.isEmpty() && !name.equals(id)) {
			rule.put("name", name);
		}
		rule.put("shortDescription", text("Exposed " + displayName + "."));
		String target = hasTarget(type) ? " to reach " + TARGETS.getOrDefault(type.target(),
				type.target().replace('_', ' ')) : "";
		rule.put("fullDescription", text(providerName + " secret scanning found a credential in the repository: "
				+ displayName + ". Whoever can read the repository can use it" + target
				+ " until it is revoked at the service that issued it; deleting the file does not make it safe."));
		List<String> steps = Remediations.forSecretType(type.id(), displayName);
		Map<String, String> help = new LinkedHashMap<>();
		help.put("text", "To fix: " + String.join(" ", steps));
		help.put("markdown", markdown(steps));
		rule.put("help", help);
		rule.put("helpUri", HELP_URIS.getOrDefault(provider, HELP_URIS.get("github")));
		rule.put("defaultConfiguration", Map.of("level", "error"));
		rule.put("properties", Map.of("tags", tags(type)));
		return rule;
	}

	private static List<String> tags(SecretType type) {
		List<String> tags = new ArrayList<>(List.of("security", "secret", CWE_TAG));
		if (type.category() != null) {
			tags.add(type.category());
		}
		if (hasTarget(type)) {
			tags.add(type.target());
		}
		return List.copyOf(tags);
	}

	private static boolean hasTarget(SecretType type) {
		return type.target() != null && !NO_TARGET.contains(type.target());
	}

	private static String markdown(List<String> steps) {
		return "## How to fix\n\n" + IntStream.range(0, steps.size())
			.mapToObj(i -> (i + 1) + ". " + steps.get(i))
			.collect(Collectors.joining("\n")) + "\n";
	}

	/** "Azure Storage account key" as {@code AzureStorageAccountKey}, the friendly name SARIF asks for. */
	static String pascalCase(String name) {
		StringBuilder pascal = new StringBuilder();
		for (String word : name.split("[^A-Za-z0-9]+")) {
			if (!word.isEmpty()) {
				pascal.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
			}
		}
		return pascal.toString();
	}

	private static Map<String, String> text(String text) {
		return Map.of("text", text);
	}

}
