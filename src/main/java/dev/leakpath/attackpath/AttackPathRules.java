package dev.leakpath.attackpath;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The attack-path rules leakpath evaluates, one entry each. */
public final class AttackPathRules {

	private static final String GITHUB = "github";

	private static final String AZURE_DEVOPS = "azure_devops";

	private static final Set<String> SQL = Set.of("Microsoft.Sql/servers", "Microsoft.Sql/managedInstances");

	private static final Set<String> STORAGE = Set.of("Microsoft.Storage/storageAccounts");

	private static final String REVOKE = "Revoke or rotate the secret at the service that issued it; deleting the file "
			+ "does not make it safe.";

	private static final String VAULT = "Read the credential at run time from a secret store (Azure Key Vault, AWS "
			+ "Secrets Manager) or replace it with a managed identity.";

	private static final String PRIVATE = "Make the repository private, or purge the secret from its history "
			+ "(git filter-repo) and assume it was copied.";

	private static final String RESOLVE = "Resolve the alert at the provider once the secret is revoked.";

	private static final List<AttackPathRule> ALL = List.of(
			new AttackPathRule("azure-devops-secret-to-sql",
					"Azure DevOps repository contains an exposed secret with lateral movement to a SQL database",
					AZURE_DEVOPS, false, SQL, 45, List.of("Azure DevOps repository", "exposed secret", "SQL database"),
					List.of("Change the SQL login's password, or move the application to Entra ID authentication.",
							VAULT, RESOLVE)),
			new AttackPathRule("public-azure-devops-secret-to-storage",
					"Publicly accessible Azure DevOps repository contains an exposed secret with lateral movement to "
							+ "a Storage Account",
					AZURE_DEVOPS, true, STORAGE, 45,
					List.of("public Azure DevOps repository", "exposed secret", "Storage Account"),
					List.of("Rotate the storage account key and revoke SAS tokens signed with it.", PRIVATE, VAULT,
							RESOLVE)),
			new AttackPathRule("github-secret-to-sql",
					"GitHub repository contains an exposed secret with lateral movement to a SQL database", GITHUB,
					false, SQL, 45, List.of("GitHub repository", "exposed secret", "SQL database"),
					List.of("Change the SQL login's password, or move the application to Entra ID authentication.",
							VAULT, RESOLVE)),
			new AttackPathRule("public-github-secret-to-storage",
					"Publicly accessible GitHub repository contains an exposed secret with lateral movement to a "
							+ "Storage Account",
					GITHUB, true, STORAGE, 45, List.of("public GitHub repository", "exposed secret", "Storage Account"),
					List.of("Rotate the storage account key and revoke SAS tokens signed with it.", PRIVATE, VAULT,
							RESOLVE)),
			new AttackPathRule("public-github-plaintext-secret",
					"Internet exposed GitHub repository with plaintext secret is publicly accessible", GITHUB, true,
					Set.of(), 35, List.of("Internet", "public GitHub repository", "plaintext secret"),
					List.of(REVOKE, PRIVATE, RESOLVE)),
			database("postgresql", "a PostgreSQL database", Set.of("Microsoft.DBforPostgreSQL/flexibleServers",
					"Microsoft.DBforPostgreSQL/servers", "Microsoft.DBforPostgreSQL/serverGroupsv2")),
			database("mysql", "a MySQL database",
					Set.of("Microsoft.DBforMySQL/flexibleServers", "Microsoft.DBforMySQL/servers")),
			database("mariadb", "a MariaDB database", Set.of("Microsoft.DBforMariaDB/servers")),
			database("cosmos-db", "a Cosmos DB account",
					Set.of("Microsoft.DocumentDB/databaseAccounts", "Microsoft.DocumentDB/mongoClusters")),
			database("aws-rds", "an AWS RDS database",
					Set.of("AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::RDS::DBProxy")),
			new AttackPathRule("secret-to-s3-bucket",
					"Repository contains an exposed AWS access key or pre-signed URL with lateral movement to an S3 "
							+ "bucket",
					null, false, Set.of("AWS::S3::Bucket"), 45, List.of("repository", "exposed secret", "S3 bucket"),
					List.of("Deactivate and delete the AWS access key in IAM; a pre-signed URL stays valid until it "
							+ "expires, so also rotate the key that signed it.", VAULT, RESOLVE)),
			new AttackPathRule("ssh-key-to-vm",
					"Repository contains an exposed SSH private key with lateral movement to a virtual machine", null,
					false, Set.of("Microsoft.Compute/virtualMachines", "AWS::EC2::Instance"), 50,
					List.of("repository", "SSH private key", "virtual machine"),
					List.of("Remove the public key from the machine's authorized keys and create a new key pair.",
							"Use Azure Bastion, AWS Systems Manager or just-in-time access instead of long-lived keys.",
							RESOLVE)));

	private static final Map<String, AttackPathRule> BY_ID = ALL.stream()
		.collect(Collectors.toMap(AttackPathRule::id, Function.identity()));

	private AttackPathRules() {
	}

	private static AttackPathRule database(String id, String target, Set<String> types) {
		return new AttackPathRule("secret-to-" + id,
				"Repository contains an exposed secret with lateral movement to " + target, null, false, types, 45,
				List.of("repository", "exposed secret", target.substring(target.indexOf(' ') + 1)),
				List.of("Change the database user's password, or move the application to Entra ID / IAM "
						+ "authentication.", VAULT, RESOLVE));
	}

	public static List<AttackPathRule> all() {
		return ALL;
	}

	public static Optional<AttackPathRule> byId(String id) {
		return Optional.ofNullable(BY_ID.get(id));
	}

}
