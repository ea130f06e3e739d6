package dev.leakpath.demo;

import dev.leakpath.demo.AdoDemoOrganization.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files of the fake Azure DevOps at the commits its alerts name. Azure DevOps never shows a secret's value, so
 * leakpath reads the file at the alert's commit to learn what the secret reaches. Each file holds one fake secret
 * in the setting a developer would have committed (a connection string names its storage account or SQL server),
 * at the alert's line and columns, between lines that name nothing.
 */
final class AdoDemoFiles {

	/** The line that holds a secret: the text before the secret and after it. */
	record SecretLine(String before, String secret, String after) {

		String text() {
			return before + secret + after;
		}

		/** 1-based, as the alert's {@code region.columnStart}. */
		int columnStart() {
			return before.length() + 1;
		}

		/** The column after the secret's last character, as the alert's {@code region.columnEnd}. */
		int columnEnd() {
			return columnStart() + secret.length();
		}
	}

	private static final int LINES_AFTER_SECRET = 6;

	private AdoDemoFiles() {
	}

	/** How the secret of rule {@code friendlyName} sits in a file at {@code path} of {@code project}. */
	static SecretLine line(String friendlyName, Project project, String path, String secret) {
		String name = project.name().toLowerCase(Locale.ROOT);
		String setting;
		String before;
		String after;
		switch (friendlyName) {
			case "AzureStorageAccountIdentifiableKey":
				setting = "StorageConnectionString";
				before = "DefaultEndpointsProtocol=https;AccountName=" + project.storageAccount() + ";AccountKey=";
				after = ";EndpointSuffix=core.windows.net";
				break;
			case "AzureCosmosDBIdentifiableKey":
				setting = "CosmosConnectionString";
				before = "AccountEndpoint=https://" + name + "-cosmos.documents.azure.com:443/;AccountKey=";
				after = ";";
				break;
			case "SqlLegacyCredentials":
				setting = "SqlConnectionString";
				before = "Server=tcp:" + project.sqlServer() + ".database.windows.net,1433;Initial Catalog=" + name
						+ ";User ID=" + name + "_app;Password=";
				after = ";Encrypt=True;";
				break;
			case "UrlCredentials":
				setting = "PackageFeedUrl";
				before = "https://deploy:";
				after = "@packages.contoso.example/" + name + "/index.json";
				break;
			case "AdoPat":
				setting = "AzureDevOpsToken";
				before = "";
				after = "";
				break;
			case "GitHubPat":
				setting = "GitHubToken";
				before = "";
				after = "";
				break;
			case "AadClientAppIdentifiableCredentials":
				setting = "ClientSecret";
				before = "";
				after = "";
				break;
			default:
				throw new IllegalArgumentException("no demo file line for rule " + friendlyName);
		}
		String[] syntax = syntax(path, setting);
		return new SecretLine(syntax[0] + before, secret, after + syntax[1]);
	}

	/** The whole file: {@code secretLine} at line {@code lineNumber}, lines that name nothing around it. */
	static String file(String path, int lineNumber, String secretLine) {
		List<String> lines = new ArrayList<>();
		for (int line = 1; line < lineNumber + LINES_AFTER_SECRET; line++) {
			lines.add(line == lineNumber ? secretLine : filler(path, line));
		}
		return String.join("\n", lines) + "\n";
	}

	// The setting as each kind of file writes it: what goes before its value and after it.
	private static String[] syntax(String path, String setting) {
		if (path.endsWith(".json")) {
			return new String[] { "    \"" + setting + "\": \"", "\"," };
		}
		if (path.endsWith(".yml") || path.endsWith(".yaml")) {
			return new String[] { "  " + setting + ": \"", "\"" };
		}
		if (path.endsWith(".cs")) {
			return new String[] { "        public const string " + setting + " = \"", "\";" };
		}
		if (path.endsWith(".ts") || path.endsWith(".js")) {
			return new String[] { "  " + setting + ": \"", "\"," };
		}
		if (path.endsWith(".md")) {
			return new String[] { "    " + setting + "=", "" };
		}
		return new String[] { setting.toUpperCase(Locale.ROOT) + "=", "" };
	}

	private static String filler(String path, int line) {
		if (path.endsWith(".json")) {
			return "    \"Feature" + line + "\": \"enabled\",";
		}
		if (path.endsWith(".yml") || path.endsWith(".yaml")) {
			return "  step" + line + ": enabled";
		}
		if (path.endsWith(".cs") || path.endsWith(".ts") || path.endsWith(".js")) {
			return "    // step " + line;
		}
		if (path.endsWith(".md")) {
			return "Step " + line + " of the guide.";
		}
		return "FEATURE_" + line + "=enabled";
	}
}
