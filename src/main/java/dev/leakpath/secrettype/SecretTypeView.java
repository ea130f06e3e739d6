package dev.leakpath.secrettype;

import java.util.List;

import org.springframework.lang.Nullable;

/**
 * A secret type seen in the stored alerts, with how often, and the provider names that led to it.
 *
 * @param mapped whether the catalogue knows the type; an unmapped type keeps a provider's name as its id and
 * has category {@code other}: a gap for the catalogue
 */
public record SecretTypeView(String id, @Nullable String name, String category, @Nullable String target, boolean mapped,
		long alerts, long openAlerts, List<ProviderType> providerTypes) {

	/** One provider's name for the type, and how many alerts carry it. */
	public record ProviderType(String provider, String type, long alerts) {
	}

}
