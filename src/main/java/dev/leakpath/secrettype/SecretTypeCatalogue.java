package dev.leakpath.secrettype;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.springframework.stereotype.Component;

/**
 * The secret-type catalogue ({@code secret-types.yml}): maps GitHub's slugs and Azure DevOps's rules
 * (friendlyName or opaqueId) onto one provider-neutral {@link SecretType}, so that the same kind of credential
 * is one type in filters, counts and charts.
 */
@Component
public class SecretTypeCatalogue {

	static final String GITHUB = "github";

	static final String AZURE_DEVOPS = "azure_devops";

	private static final Set<String> CATEGORIES = Set.of("connection_string", "key", "sas_token", "private_key",
			"token", "password", "other");

	private final Map<String, SecretType> byId = new LinkedHashMap<>();

	private final Map<String, SecretType> byProviderName = new HashMap<>();

	public SecretTypeCatalogue() {
		this(read("secret-types.yml"));
	}

	SecretTypeCatalogue(List<Entry> entries) {
		for (Entry entry : entries) {
			if (!CATEGORIES.contains(entry.category())) {
				throw new IllegalStateException("Secret type " + entry.id() + " has unknown category " + entry.category());
			}
			SecretType type = new SecretType(entry.id(), entry.name(), entry.category(), entry.target(), true);
			if (byId.put(type.id(), type) != null) {
				throw new IllegalStateException("Secret type " + type.id() + " is listed twice");
			}
			names(entry.github()).forEach(name -> alias(GITHUB, name, type));
			names(entry.azureDevOps()).forEach(name -> alias(AZURE_DEVOPS, name, type));
		}
	}

	/**
	 * The catalogue type of a provider's alert: by the provider's type name, else by its rule id; a type no
	 * entry names keeps the provider's word.
	 */
	public SecretType classify(String provider, String providerType, String ruleId, String displayName) {
		return find(provider, providerType).or(() -> find(provider, ruleId))
			.orElseGet(() -> SecretType.unmapped(providerType, displayName));
	}

	/** A catalogue id, or any provider's name for a type, as the catalogue id a filter should match. */
	public String idOf(String nameOrId) {
		if (nameOrId == null || byId.containsKey(nameOrId)) {
			return nameOrId;
		}
		return find(GITHUB, nameOrId).or(() -> find(AZURE_DEVOPS, nameOrId)).map(SecretType::id).orElse(nameOrId);
	}

	public Optional<SecretType> byId(String id) {
		return Optional.ofNullable(byId.get(id));
	}

	public Collection<SecretType> all() {
		return byId.values();
	}

	private Optional<SecretType> find(String provider, String name) {
		return name == null ? Optional.empty() : Optional.ofNullable(byProviderName.get(key(provider, name)));
	}

	private void alias(String provider, String name, SecretType type) {
		SecretType previous = byProviderName.put(key(provider, name), type);
		if (previous != null && previous != type) {
			throw new IllegalStateException(provider + " type " + name + " is mapped to both " + previous.id() + " and "
					+ type.id());
		}
	}

	// Azure DevOps rule names are matched without regard to case: its own clients differ (AdoPat, adoPat)
	private static String key(String provider, String name) {
		return provider + "\n" + (AZURE_DEVOPS.equals(provider) ? name.toLowerCase(Locale.ROOT) : name);
	}

	private static List<String> names(List<String> names) {
		return names == null ? List.of() : names;
	}

	private static List<Entry> read(String resource) {
		try (InputStream in = SecretTypeCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is missing from the classpath");
			}
			return new ObjectMapper(new YAMLFactory()).readValue(in, Catalogue.class).types();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + resource, ex);
		}
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Catalogue(List<Entry> types) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Entry(String id, String name, String category, String target, List<String> github,
			List<String> azureDevOps) {
	}

}
