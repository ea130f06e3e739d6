package dev.leakpath.target;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Cloud endpoint hosts and the resource each names: nearly every Azure PaaS host is
 * {@code <name>.<service suffix>}, AWS database hosts carry instance and region, S3 and Cloud Storage
 * hosts carry the bucket. Sovereign Azure clouds are told apart by their suffix.
 */
final class HostCatalogue {

	private static final List<AzureService> AZURE = List.of(
			new AzureService("Microsoft.Storage/storageAccounts", "blob.core.", "file.core.", "queue.core.",
					"table.core.", "dfs.core.", "web.core."),
			new AzureService("Microsoft.Sql/servers", "database.windows.net", "database.usgovcloudapi.net",
					"database.chinacloudapi.cn"),
			new AzureService("Microsoft.Synapse/workspaces", "sql.azuresynapse.net"),
			new AzureService("Microsoft.DBforPostgreSQL/flexibleServers", "postgres.database.azure.com",
					"postgres.database.usgovcloudapi.net", "postgres.database.chinacloudapi.cn"),
			new AzureService("Microsoft.DBforMySQL/flexibleServers", "mysql.database.azure.com",
					"mysql.database.usgovcloudapi.net", "mysql.database.chinacloudapi.cn"),
			new AzureService("Microsoft.DBforMariaDB/servers", "mariadb.database.azure.com"),
			new AzureService("Microsoft.DBforPostgreSQL/serverGroupsv2", "postgres.cosmos.azure.com"),
			new AzureService("Microsoft.DocumentDB/mongoClusters", "mongocluster.cosmos.azure.com"),
			new AzureService("Microsoft.DocumentDB/databaseAccounts", "documents.azure.com", "documents.azure.us",
					"documents.azure.cn", "mongo.cosmos.azure.com", "cassandra.cosmos.azure.com",
					"gremlin.cosmos.azure.com", "table.cosmos.azure.com"),
			new AzureService("Microsoft.Cache/Redis", "redis.cache.windows.net", "redis.cache.usgovcloudapi.net",
					"redis.cache.chinacloudapi.cn"),
			new AzureService("Microsoft.Cache/redisEnterprise", "redisenterprise.cache.azure.net"),
			new AzureService("Microsoft.ServiceBus/namespaces", "servicebus.windows.net",
					"servicebus.usgovcloudapi.net", "servicebus.chinacloudapi.cn"),
			new AzureService("Microsoft.Devices/IotHubs", "azure-devices.net", "azure-devices.us",
					"azure-devices.cn"),
			new AzureService("Microsoft.Devices/provisioningServices", "azure-devices-provisioning.net"),
			new AzureService("Microsoft.SignalRService/SignalR", "service.signalr.net"),
			new AzureService("Microsoft.SignalRService/WebPubSub", "webpubsub.azure.com"),
			new AzureService("Microsoft.AppConfiguration/configurationStores", "azconfig.io"),
			new AzureService("Microsoft.ContainerRegistry/registries", "azurecr.io"),
			new AzureService("Microsoft.Web/sites", "azurewebsites.net"),
			new AzureService("Microsoft.CognitiveServices/accounts", "cognitiveservices.azure.com",
					"openai.azure.com"),
			new AzureService("Microsoft.EventGrid/topics", "eventgrid.azure.net"),
			new AzureService("Microsoft.Batch/batchAccounts", "batch.azure.com"),
			new AzureService("Microsoft.ApiManagement/service", "azure-api.net"),
			new AzureService("Microsoft.Databricks/workspaces", "azuredatabricks.net"),
			new AzureService("Microsoft.Search/searchServices", "search.windows.net"),
			new AzureService("Microsoft.KeyVault/vaults", "vault.azure.net", "vault.usgovcloudapi.net",
					"vault.azure.cn"),
			new AzureService("Microsoft.Communication/communicationServices", "communication.azure.com"));

	private HostCatalogue() {
	}

	/**
	 * The resource a host names; {@code firstPathSegment} names the bucket of path-style S3 and Cloud Storage
	 * URLs and may be null.
	 */
	static Optional<SecretTarget> lookup(String rawHost, String firstPathSegment, String evidence) {
		if (rawHost == null || rawHost.isBlank()) {
			return Optional.empty();
		}
		String host = Hosts.normalise(rawHost);
		if (isLocal(host)) {
			return Optional.of(SecretTarget.unresolved("local or emulator endpoint " + host));
		}
		return azure(host, evidence).or(() -> aws(host, firstPathSegment, evidence))
			.or(() -> gcp(host, firstPathSegment, evidence));
	}

	static boolean isLocal(String host) {
		return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("0.0.0.0")
				|| host.startsWith("devstoreaccount1.");
	}

	private static Optional<SecretTarget> azure(String host, String evidence) {
		for (AzureService service : AZURE) {
			for (String suffix : service.suffixes()) {
				int at = suffixStart(host, suffix);
				if (at <= 0) {
					continue;
				}
				String[] labels = host.substring(0, at - 1).split("\\.");
				if (labels.length == 0 || labels[0].isEmpty()) {
					continue;
				}
				return Optional.of(azureResource(service, host, labels, evidence));
			}
		}
		return Optional.empty();
	}

	private static SecretTarget azureResource(AzureService service, String host, String[] labels,
			String evidence) {
		String type = service.resourceType();
		String name = labels[0];
		String region = null;
		switch (type) {
			case "Microsoft.Storage/storageAccounts" -> name = name.replaceFirst("-secondary$", "");
			case "Microsoft.Sql/servers" -> type = labels.length > 1 ? "Microsoft.Sql/managedInstances" : type;
			case "Microsoft.Synapse/workspaces" -> name = name.replaceFirst("-ondemand$", "");
			case "Microsoft.DBforPostgreSQL/serverGroupsv2" -> name = name.replaceFirst("^c-", "");
			case "Microsoft.EventGrid/topics" -> region = labels.length > 1 ? labels[1].replaceFirst("-\\d+$", "") : null;
			case "Microsoft.Batch/batchAccounts", "Microsoft.Cache/redisEnterprise" ->
				region = labels.length > 1 ? labels[1] : null;
			default -> {
			}
		}
		return SecretTarget.resource(azureCloud(host), type, name, host, region, evidence, SecretTarget.HIGH);
	}

	private static String azureCloud(String host) {
		if (host.endsWith("usgovcloudapi.net") || host.endsWith(".us")) {
			return "azure-us-government";
		}
		if (host.endsWith("chinacloudapi.cn") || host.endsWith(".cn")) {
			return "azure-china";
		}
		return "azure";
	}

	/** Where {@code suffix} starts in {@code host}, on a label boundary; -1 when it is not there. */
	private static int suffixStart(String host, String suffix) {
		if (suffix.endsWith(".")) {
			// storage: "blob.core." followed by the cloud's domain
			int at = host.indexOf("." + suffix);
			return at < 0 ? -1 : at + 1;
		}
		return host.endsWith("." + suffix) ? host.length() - suffix.length() : -1;
	}

	private static Optional<SecretTarget> aws(String host, String firstPathSegment, String evidence) {
		String[] labels = host.split("\\.");
		int amazon = indexOf(labels, "amazonaws");
		if (amazon < 1) {
			return Optional.empty();
		}
		String service = labels[amazon - 1];
		if (service.equals("rds") && amazon >= 3) {
			String second = amazon >= 4 ? labels[1] : "";
			String type = second.startsWith("cluster-") ? "AWS::RDS::DBCluster"
					: second.startsWith("proxy-") ? "AWS::RDS::DBProxy" : "AWS::RDS::DBInstance";
			return Optional.of(SecretTarget.resource("aws", type, labels[0], host, labels[amazon - 2], evidence,
					SecretTarget.HIGH));
		}
		if (service.equals("redshift") && amazon >= 3) {
			return Optional.of(SecretTarget.resource("aws", "AWS::Redshift::Cluster", labels[0], host, labels[amazon - 2],
					evidence, SecretTarget.HIGH));
		}
		if (service.equals("redshift-serverless") && amazon >= 4) {
			return Optional.of(SecretTarget.resource("aws", "AWS::RedshiftServerless::Workgroup", labels[0], host,
					labels[amazon - 2], evidence, SecretTarget.HIGH).withAccountId(labels[1]));
		}
		return s3(host, labels, amazon, firstPathSegment, evidence);
	}

	private static Optional<SecretTarget> s3(String host, String[] labels, int amazon, String firstPathSegment,
			String evidence) {
		int s3 = -1;
		for (int index = 0; index < amazon; index++) {
			if (labels[index].equals("s3") || labels[index].startsWith("s3-")) {
				s3 = index;
				break;
			}
		}
		if (s3 < 0) {
			return Optional.empty();
		}
		String region = labels[s3].startsWith("s3-") ? labels[s3].substring(3)
				: s3 + 1 < amazon && !labels[s3 + 1].equals("dualstack") ? labels[s3 + 1] : null;
		String bucket = s3 > 0 ? String.join(".", Arrays.copyOfRange(labels, 0, s3)) : firstPathSegment;
		if (bucket == null || bucket.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(SecretTarget.resource("aws", "AWS::S3::Bucket", bucket, host, region, evidence,
				SecretTarget.HIGH));
	}

	private static Optional<SecretTarget> gcp(String host, String firstPathSegment, String evidence) {
		if (host.equals("storage.googleapis.com") && firstPathSegment != null && !firstPathSegment.isBlank()) {
			return Optional.of(SecretTarget.resource("gcp", "storage.googleapis.com/Bucket", firstPathSegment, host, null,
					evidence, SecretTarget.HIGH));
		}
		if (host.endsWith(".storage.googleapis.com")) {
			return Optional.of(SecretTarget.resource("gcp", "storage.googleapis.com/Bucket",
					host.substring(0, host.length() - ".storage.googleapis.com".length()), host, null, evidence,
					SecretTarget.HIGH));
		}
		return Optional.empty();
	}

	private static int indexOf(String[] labels, String label) {
		for (int index = 0; index < labels.length; index++) {
			if (labels[index].equals(label)) {
				return index;
			}
		}
		return -1;
	}

	/** A service's resource type and its host suffixes; a suffix ending in a dot is followed by the cloud's domain. */
	private record AzureService(String resourceType, String... suffixes) {
	}

}
