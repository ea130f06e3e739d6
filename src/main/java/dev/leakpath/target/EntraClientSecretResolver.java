package dev.leakpath.target;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entra (Azure AD) application client secrets. The value ({@code xxx8Q~…}) names nothing: the application is the
 * client id written beside it, as the reference's catalogue lists ({@code client_id}, {@code AppId}, {@code -u};
 * trufflehog's {@code azure_entra} reads the same), and the tenant the one named beside it ({@code tenant_id},
 * {@code *.onmicrosoft.com}, {@code login.microsoftonline.com/{tenant}}). So it reads the text around the secret,
 * and only for the secret types that are Entra client secrets: a client id beside a password of another kind says
 * nothing about that password. The target's fingerprint is the client id's ({@link EntraClientIds}), by which the
 * identity layer finds the application's service principal; more than one client id nearby is low confidence.
 */
final class EntraClientSecretResolver implements TargetResolver {

	private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

	private static final String ASSIGNED = "\\b[\"']?\\s*(?::|=>?)\\s*[\"']?";

	/** {@code AZURE_CLIENT_ID=}, {@code "clientId":}, {@code client-id:}, {@code ApplicationId =}, {@code appId}. */
	private static final Pattern CLIENT_ID = Pattern.compile(
			"(?i)(?:client|app(?:lication)?)[_.-]?id" + ASSIGNED + "(" + GUID + ")"
					// az login --service-principal -u APP_ID -p SECRET --tenant TENANT
					+ "|(?:^|\\s)(?:-u|--username)\\s+[\"']?(" + GUID + ")");

	private static final String TENANT_NAME = GUID + "|[a-zA-Z0-9][a-zA-Z0-9-]*\\.onmicrosoft\\.com";

	private static final Pattern TENANT = Pattern.compile("(?i)tenant(?:[_.-]?id)?" + ASSIGNED + "(" + TENANT_NAME + ")"
			+ "|login\\.microsoftonline\\.com/(" + TENANT_NAME + ")" + "|--tenant\\s+[\"']?(" + TENANT_NAME + ")");

	@Override
	public Set<String> secretTypes() {
		// GitHub's type, and Azure DevOps's rule names and ids for it (secret-types.yml)
		return Set.of("azure_active_directory_application_secret", "AadClientAppIdentifiableCredentials", "SEC101/156",
				"AadClientAppLegacyCredentials", "SEC101/101");
	}

	@Override
	public Optional<SecretTarget> resolve(String text, String secretType) {
		if (!secretTypes().contains(secretType)) {
			return Optional.empty();
		}
		Set<String> clientIds = new LinkedHashSet<>();
		Matcher clientId = CLIENT_ID.matcher(text);
		while (clientId.find()) {
			clientIds.add(firstGroup(clientId).toLowerCase(Locale.ROOT));
		}
		if (clientIds.isEmpty()) {
			return Optional.empty();
		}
		String application = clientIds.iterator().next();
		Matcher tenant = TENANT.matcher(text);
		String tenantId = tenant.find() ? firstGroup(tenant).toLowerCase(Locale.ROOT) : null;
		boolean one = clientIds.size() == 1;
		return Optional.of(new SecretTarget(TargetKind.CLOUD_IDENTITY, "azure", "Microsoft.Entra/applications",
				application, null, null, tenantId, null, EntraClientIds.fingerprint(application),
				(one ? "client id" : "the first of " + clientIds.size() + " client ids")
						+ (tenantId == null ? "" : " and tenant") + " written beside the secret",
				one ? SecretTarget.HIGH : SecretTarget.LOW));
	}

	private static String firstGroup(Matcher matcher) {
		for (int group = 1; group <= matcher.groupCount(); group++) {
			if (matcher.group(group) != null) {
				return matcher.group(group);
			}
		}
		throw new IllegalStateException("a match without a group");
	}

}
