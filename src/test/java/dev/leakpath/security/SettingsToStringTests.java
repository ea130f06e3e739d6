package dev.leakpath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.ado.AzureDevOpsProperties;
import dev.leakpath.ingest.github.GitHubProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Settings objects say which secrets are set, never what they are (they end up in logs and exceptions). */
class SettingsToStringTests {

	@Test
	void toStringWhenSecretsAreSetThenNamesThemWithoutTheirValues() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
				"leakpath.github.token", "ghp_secret-github-token",
				"leakpath.azure-devops.pat", "secret-ado-pat",
				"leakpath.azure-devops.entra.client-id", "client",
				"leakpath.azure-devops.entra.client-secret", "secret-entra-secret",
				"leakpath.api.tokens", "secret-admin-token",
				"leakpath.api.viewer-tokens", "secret-viewer-token",
				"leakpath.api.scoped-tokens[0].name", "team",
				"leakpath.api.scoped-tokens[0].token", "secret-scoped-token",
				"leakpath.api.scoped-tokens[0].organizations", "acme",
				"leakpath.oidc.client-secret", "secret-oidc-secret")));

		String printed = String.join("\n", List.of(
				binder.bindOrCreate("leakpath.github", GitHubProperties.class).toString(),
				binder.bindOrCreate("leakpath.azure-devops", AzureDevOpsProperties.class).toString(),
				binder.bindOrCreate("leakpath.api", ApiTokenProperties.class).toString(),
				binder.bindOrCreate("leakpath.oidc", OidcProperties.class).toString()));

		assertThat(printed).doesNotContain("secret-").contains("token=(set)", "pat=(set)", "clientSecret=(set)",
				"tokens=1 set", "name=team");
	}

}
