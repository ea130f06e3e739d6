package dev.leakpath.attackpath;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The resource kinds attack paths are named after, by resource type. A type the table does not list is a
 * {@link #CLOUD_RESOURCE}: every resource a secret reaches is a path's end, whether leakpath knows its kind or not.
 */
final class TargetKinds {

	static final String VAULT = "Read the credential at run time from a secret store (Azure Key Vault, AWS Secrets "
			+ "Manager) or replace it with a managed identity.";

	static final String RESOLVE = "Resolve the alert at the provider once the secret is revoked.";

	private static final String REVOKE = "Revoke or rotate the secret at the service that issued it; deleting the "
			+ "file does not make it safe.";

	private static final String DATABASE_PASSWORD = "Change the database user's password, or move the application to "
			+ "Entra ID / IAM authentication.";

	private static final String AWS_KEY = "Deactivate and delete the AWS access key in IAM; a pre-signed URL stays "
			+ "valid until it expires, so also rotate the key that signed it.";

	static final TargetKind CLOUD_RESOURCE = new TargetKind("cloud-resource", "a cloud resource", "other", Set.of(),
			List.of(REVOKE, VAULT, RESOLVE));

	private static final List<TargetKind> ALL = List.of(
			new TargetKind("storage", "a Storage Account", "object_storage", Set.of("Microsoft.Storage/storageAccounts"),
					List.of("Rotate the storage account key and revoke SAS tokens signed with it.", VAULT, RESOLVE)),
			new TargetKind("s3-bucket", "an S3 bucket", "object_storage", Set.of("AWS::S3::Bucket"),
					List.of(AWS_KEY, VAULT, RESOLVE)),
			new TargetKind("cloud-storage-bucket", "a Cloud Storage bucket", "object_storage",
					Set.of("storage.googleapis.com/Bucket"),
					List.of("Delete the service account key or HMAC key that signed the URL; a signed URL stays valid "
							+ "until it expires.", VAULT, RESOLVE)),
			new TargetKind("sql", "a SQL database", "managed_database",
					Set.of("Microsoft.Sql/servers", "Microsoft.Sql/managedInstances"),
					List.of("Change the SQL login's password, or move the application to Entra ID authentication.",
							VAULT, RESOLVE)),
			database("synapse", "a Synapse workspace", "Microsoft.Synapse/workspaces"),
			database("postgresql", "a PostgreSQL database", "Microsoft.DBforPostgreSQL/flexibleServers",
					"Microsoft.DBforPostgreSQL/servers", "Microsoft.DBforPostgreSQL/serverGroupsv2"),
			database("mysql", "a MySQL database", "Microsoft.DBforMySQL/flexibleServers", "Microsoft.DBforMySQL/servers"),
			database("mariadb", "a MariaDB database", "Microsoft.DBforMariaDB/servers"),
			database("cosmos-db", "a Cosmos DB account", "Microsoft.DocumentDB/databaseAccounts",
					"Microsoft.DocumentDB/mongoClusters"),
			database("aws-rds", "an AWS RDS database", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster",
					"AWS::RDS::DBProxy"),
			database("redshift", "an Amazon Redshift warehouse", "AWS::Redshift::Cluster",
					"AWS::RedshiftServerless::Workgroup"),
			new TargetKind("redis", "a Redis cache", "cache",
					Set.of("Microsoft.Cache/Redis", "Microsoft.Cache/redisEnterprise",
							"AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ReplicationGroup"),
					List.of("Regenerate the cache's access keys, or move the application to Entra ID authentication.",
							VAULT, RESOLVE)),
			messaging("service-bus", "a Service Bus namespace", "Microsoft.ServiceBus/namespaces"),
			messaging("event-hubs", "an Event Hubs namespace", "Microsoft.EventHub/namespaces"),
			messaging("event-grid", "an Event Grid topic", "Microsoft.EventGrid/topics"),
			new TargetKind("key-vault", "a Key Vault", "key_vault",
					Set.of("Microsoft.KeyVault/vaults", "AWS::SecretsManager::Secret"),
					List.of("Rotate the credential and every secret the vault holds that it could read; review the "
							+ "vault's access log.", RESOLVE)),
			new TargetKind("container-registry", "a container registry", "container_registry",
					Set.of("Microsoft.ContainerRegistry/registries", "AWS::ECR::Repository"),
					List.of("Regenerate the registry's admin password or token, and check its images were not "
							+ "replaced.", VAULT, RESOLVE)),
			new TargetKind("virtual-machine", "a virtual machine", "virtual_machine",
					Set.of("Microsoft.Compute/virtualMachines", "AWS::EC2::Instance", "compute.googleapis.com/Instance"),
					List.of("Remove the public key from the machine's authorized keys and create a new key pair.",
							"Use Azure Bastion, AWS Systems Manager or just-in-time access instead of long-lived keys.",
							RESOLVE)));

	private static final List<TargetKind> WITH_CATCH_ALL = Stream.concat(ALL.stream(), Stream.of(CLOUD_RESOURCE))
		.toList();

	private static final Map<String, TargetKind> BY_ID = WITH_CATCH_ALL.stream()
		.collect(Collectors.toMap(TargetKind::id, Function.identity()));

	private TargetKinds() {
	}

	private static TargetKind database(String id, String noun, String... types) {
		return new TargetKind(id, noun, "managed_database", Set.of(types), List.of(DATABASE_PASSWORD, VAULT, RESOLVE));
	}

	private static TargetKind messaging(String id, String noun, String... types) {
		return new TargetKind(id, noun, "message_bus", Set.of(types),
				List.of("Regenerate the namespace's shared access keys and revoke SAS tokens signed with them.", VAULT,
						RESOLVE));
	}

	/** Every listed kind, without the catch-all. */
	static List<TargetKind> listed() {
		return ALL;
	}

	/** Every kind, the catch-all last. */
	static List<TargetKind> all() {
		return WITH_CATCH_ALL;
	}

	static TargetKind byId(String id) {
		return BY_ID.get(id);
	}

}
