package dev.leakpath.recommendation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What to do about a leaked secret, by what it is and what it opens. */
public final class Remediations {

	private static final String VAULT = "Move the credential to a secret store (Azure Key Vault, AWS Secrets Manager) "
			+ "or replace it with a managed identity, and read it at run time.";

	private static final String HISTORY = "If the repository is or was public, purge the secret from git history "
			+ "(git filter-repo) and force-push; assume it was copied.";

	private static final String RESOLVE = "Resolve each alert at the provider once the credential is revoked "
			+ "(state: revoked).";

	private Remediations() {
	}

	/** The steps for a repository's open findings, each once, most specific first. */
	static List<String> forFindings(List<RecommendationView.Finding> findings, boolean publicRepository) {
		Set<String> steps = new LinkedHashSet<>();
		for (RecommendationView.Finding finding : findings) {
			steps.add(rotate(finding.secretType(), finding.targetResourceType(), finding.secretType()));
		}
		steps.add(VAULT);
		if (publicRepository) {
			steps.add(HISTORY);
		}
		steps.add(RESOLVE);
		return new ArrayList<>(steps);
	}

	/**
	 * The steps for any leak of a kind of secret, wherever it is and whatever it reaches: what the SARIF export
	 * gives as the help of the secret type's rule.
	 *
	 * @param name what the steps call the secret when none of theirs is for its type
	 */
	public static List<String> forSecretType(String secretType, String name) {
		return List.of(rotate(secretType, null, name), VAULT, HISTORY, RESOLVE);
	}

	private static String rotate(String secretType, String targetType, String name) {
		String type = secretType == null ? "" : secretType.toLowerCase(Locale.ROOT);
		String target = targetType == null ? "" : targetType.toLowerCase(Locale.ROOT);
		if (target.startsWith("microsoft.storage/") || type.contains("storage")) {
			return "Rotate the storage account key (az storage account keys renew) and revoke SAS tokens signed with it.";
		}
		if (target.startsWith("microsoft.sql/") || target.startsWith("microsoft.dbfor") || target.startsWith("aws::rds")
				|| type.contains("sql") || type.contains("postgres") || type.contains("mysql")) {
			return "Change the database user's password, or switch the application to Entra ID / IAM authentication.";
		}
		if (target.startsWith("microsoft.documentdb/") || type.contains("cosmos")) {
			return "Regenerate the Cosmos DB account key (az cosmosdb keys regenerate).";
		}
		if (type.startsWith("aws_") || target.startsWith("aws::")) {
			return "Deactivate and delete the AWS access key in IAM, then issue a new one only if still needed.";
		}
		if (type.startsWith("github_")) {
			return "Revoke the GitHub token (Settings → Developer settings, or the organisation's token policy).";
		}
		if (type.contains("devops") || type.startsWith("adopat")) {
			return "Revoke the Azure DevOps personal access token in the organisation's token administration.";
		}
		if (type.contains("private_key") || target.equals("ssh/private-key")) {
			return "Remove the public key from every machine and account that trusts it, and create a new key pair.";
		}
		return "Revoke or rotate the " + (name == null ? "secret" : name) + " at the service that issued it.";
	}

}
