package dev.leakpath.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per family and layout: fake values in the exact formats people write them, never real ones. Every
 * row also checks that no password or key reached the target.
 */
class TargetResolutionTests {

	/** Stand-ins for what must never reach a target. */
	static final String KEY = "LeakCanaryKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO+ASt7Q==";

	static final String PASSWORD = "LeakCanaryPw!9";

	private final TargetResolution resolution = new TargetResolution();

	static Stream<Arguments> resources() {
		return Stream.of(
				row("storage connection string", "azure_storage_account_connection_string",
						"DefaultEndpointsProtocol=https;AccountName=contosoprod;AccountKey=" + KEY
								+ ";EndpointSuffix=core.windows.net",
						"azure", "Microsoft.Storage/storageAccounts", "contosoprod"),
				row("storage connection string in JSON", "azure_storage_account_connection_string",
						"{\"ConnectionStrings\": {\"Blob\": \"DefaultEndpointsProtocol=https;AccountName=contosologs;AccountKey="
								+ KEY + "\"}}",
						"azure", "Microsoft.Storage/storageAccounts", "contosologs"),
				row("storage connection string in .env, US Gov", "azure_storage_account_connection_string",
						"AZURE_STORAGE_CONNECTION_STRING=\"DefaultEndpointsProtocol=https;AccountName=fabrikamdata;AccountKey="
								+ KEY + ";EndpointSuffix=core.usgovcloudapi.net\"",
						"azure-us-government", "Microsoft.Storage/storageAccounts", "fabrikamdata"),
				row("storage connection string in XML config", "azure_storage_account_connection_string",
						"<add name=\"Storage\" connectionString=\"DefaultEndpointsProtocol=https;AccountName=webfarm01;AccountKey="
								+ KEY + "\" />",
						"azure", "Microsoft.Storage/storageAccounts", "webfarm01"),
				row("storage SAS connection string", "azure_sas_token",
						"BlobEndpoint=https://acct2.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=sco&sp=rl"
								+ "&se=2026-12-31T00:00:00Z&sig=" + KEY,
						"azure", "Microsoft.Storage/storageAccounts", "acct2"),
				row("storage SAS URL", "azure_sas_token",
						"https://contosomedia.blob.core.windows.net/videos/a.mp4?sv=2023-01-03&st=2026-11-01T00%3A00%3A00Z"
								+ "&se=2026-12-01T00%3A00%3A00Z&sr=b&sp=r&sig=" + KEY,
						"azure", "Microsoft.Storage/storageAccounts", "contosomedia"),
				row("Azure SQL, ADO.NET", "azure_sql_connection_string",
						"Server=tcp:contoso-sql.database.windows.net,1433;Initial Catalog=orders;Persist Security Info=False;"
								+ "User ID=app;Password=" + PASSWORD + ";MultipleActiveResultSets=False;Encrypt=True;",
						"azure", "Microsoft.Sql/servers", "contoso-sql"),
				row("Azure SQL, JDBC URL", "azure_sql_connection_string",
						"jdbc:sqlserver://contoso-sql2.database.windows.net:1433;database=orders;user=app@contoso-sql2;password="
								+ PASSWORD + ";encrypt=true",
						"azure", "Microsoft.Sql/servers", "contoso-sql2"),
				row("Azure SQL managed instance", "azure_sql_connection_string",
						"Data Source=mi-prod.0a1b2c3d4e5f.database.windows.net;Initial Catalog=hr;User Id=hr;Password=" + PASSWORD,
						"azure", "Microsoft.Sql/managedInstances", "mi-prod"),
				row("PostgreSQL, Npgsql in YAML", "postgres_connection_string",
						"db:\n  connection: Host=orders-pg.postgres.database.azure.com;Database=orders;Username=app;Password="
								+ PASSWORD + ";Ssl Mode=Require",
						"azure", "Microsoft.DBforPostgreSQL/flexibleServers", "orders-pg"),
				row("PostgreSQL URI", "postgres_connection_string",
						"postgresql://app:" + PASSWORD + "@orders-pg2.postgres.database.azure.com:5432/orders?sslmode=require",
						"azure", "Microsoft.DBforPostgreSQL/flexibleServers", "orders-pg2"),
				row("MySQL", "mysql_connection_string",
						"Server=shop-mysql.mysql.database.azure.com;Port=3306;Database=shop;Uid=app;Pwd=" + PASSWORD + ";",
						"azure", "Microsoft.DBforMySQL/flexibleServers", "shop-mysql"),
				row("MariaDB JDBC", "mysql_connection_string",
						"jdbc:mariadb://legacy.mariadb.database.azure.com:3306/app?user=x&password=" + PASSWORD,
						"azure", "Microsoft.DBforMariaDB/servers", "legacy"),
				row("Cosmos DB", "azure_cosmosdb_key_identifiable",
						"AccountEndpoint=https://contoso-cosmos.documents.azure.com:443/;AccountKey=" + KEY + ";",
						"azure", "Microsoft.DocumentDB/databaseAccounts", "contoso-cosmos"),
				row("Cosmos DB for MongoDB", "mongodb_connection_string",
						"mongodb://contoso-mongo:" + PASSWORD
								+ "@contoso-mongo.mongo.cosmos.azure.com:10255/?ssl=true&replicaSet=globaldb",
						"azure", "Microsoft.DocumentDB/databaseAccounts", "contoso-mongo"),
				row("AWS RDS instance, JDBC", "postgres_connection_string",
						"jdbc:postgresql://orders-db.c9akciq32abc.eu-west-1.rds.amazonaws.com:5432/orders?user=app&password="
								+ PASSWORD,
						"aws", "AWS::RDS::DBInstance", "orders-db"),
				row("Aurora cluster endpoint", "mysql_connection_string",
						"mysql://admin:" + PASSWORD + "@shop.cluster-c9akciq32abc.us-east-1.rds.amazonaws.com:3306/shop",
						"aws", "AWS::RDS::DBCluster", "shop"),
				row("Redshift", "generic_password",
						"jdbc:redshift://analytics.cq1abc2def3g.us-west-2.redshift.amazonaws.com:5439/dev;UID=etl;PWD=" + PASSWORD,
						"aws", "AWS::Redshift::Cluster", "analytics"),
				row("S3 pre-signed URL, virtual-hosted", "aws_s3_presigned_url",
						"https://invoices-prod.s3.eu-central-1.amazonaws.com/2026/11/inv.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256"
								+ "&X-Amz-Credential=ASIAY34FZKBOKMUTVV7A%2F20261120%2Feu-central-1%2Fs3%2Faws4_request"
								+ "&X-Amz-Date=20261120T090000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature="
								+ "4d6f6b65" + PASSWORD.length(),
						"aws", "AWS::S3::Bucket", "invoices-prod"),
				row("S3 pre-signed URL, path-style", "aws_s3_presigned_url",
						"https://s3.us-east-1.amazonaws.com/backups-bucket/db.dump?X-Amz-Algorithm=AWS4-HMAC-SHA256"
								+ "&X-Amz-Credential=ASIAY34FZKBOKMUTVV7A%2F20261120%2Fus-east-1%2Fs3%2Faws4_request"
								+ "&X-Amz-Signature=abcdef",
						"aws", "AWS::S3::Bucket", "backups-bucket"),
				row("Cloud Storage signed URL", "google_cloud_storage_signed_url",
						"https://storage.googleapis.com/media-bucket/photo.jpg?X-Goog-Algorithm=GOOG4-RSA-SHA256"
								+ "&X-Goog-Credential=signer%40acme-media-prod.iam.gserviceaccount.com%2F20261120%2Fauto%2Fstorage"
								+ "%2Fgoog4_request&X-Goog-Date=20261120T090000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host"
								+ "&X-Goog-Signature=0a1b2c",
						"gcp", "storage.googleapis.com/Bucket", "media-bucket"),
				row("Service Bus", "azure_service_bus_connection_string",
						"Endpoint=sb://orders-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
								+ "SharedAccessKey=" + KEY,
						"azure", "Microsoft.ServiceBus/namespaces", "orders-bus"),
				row("Event Hubs", "azure_event_hub_connection_string",
						"Endpoint=sb://telemetry-ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=" + KEY
								+ ";EntityPath=clicks",
						"azure", "Microsoft.EventHub/namespaces", "telemetry-ns"),
				row("IoT Hub", "azure_iot_hub_connection_string",
						"HostName=plant-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=" + KEY,
						"azure", "Microsoft.Devices/IotHubs", "plant-hub"),
				row("SignalR", "azure_signalr_connection_string",
						"Endpoint=https://chat-signalr.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;",
						"azure", "Microsoft.SignalRService/SignalR", "chat-signalr"),
				row("Web PubSub", "azure_web_pub_sub_connection_string",
						"Endpoint=https://live-pubsub.webpubsub.azure.com;AccessKey=" + KEY + ";Version=1.0;",
						"azure", "Microsoft.SignalRService/WebPubSub", "live-pubsub"),
				row("App Configuration", "azure_app_configuration_connection_string",
						"Endpoint=https://settings-store.azconfig.io;Id=AbCd-l0-s0:xyz;Secret=" + KEY,
						"azure", "Microsoft.AppConfiguration/configurationStores", "settings-store"),
				row("Redis, StackExchange form", "azure_cache_for_redis_access_key",
						"contoso-cache.redis.cache.windows.net:6380,password=" + KEY + ",ssl=True,abortConnect=False",
						"azure", "Microsoft.Cache/Redis", "contoso-cache"),
				row("Container Registry, docker login", "azure_container_registry_key_identifiable",
						"docker login contosoregistry.azurecr.io -u contosoregistry -p " + KEY,
						"azure", "Microsoft.ContainerRegistry/registries", "contosoregistry"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("resources")
	void resolveWhenValueNamesAResourceThenThatResource(String family, String secretType, String value, String cloud,
			String resourceType, String name) {
		SecretTarget target = resolution.resolve(new SecretText(secretType, value, null));

		assertThat(target.kind()).as(family).isEqualTo(TargetKind.CLOUD_RESOURCE);
		assertThat(target.cloud()).isEqualTo(cloud);
		assertThat(target.resourceType()).isEqualTo(resourceType);
		assertThat(target.name()).isEqualTo(name);
		assertNoSecretIn(target);
	}

	@Test
	void resolveWhenUserDelegationSasThenTheDelegatingTenantToo() {
		SecretTarget target = resolution.resolve(new SecretText("azure_sas_token",
				"https://reports01.blob.core.windows.net/q3/r.xlsx?sv=2023-01-03&sr=b&sp=r&se=2026-12-01T00%3A00%3A00Z"
						+ "&skoid=0d3a6c8e-1111-4a2b-9c7d-222233334444&sktid=72f988bf-86f1-41af-91ab-2d7cd011db47"
						+ "&skt=2026-11-01T00%3A00%3A00Z&ske=2026-12-01T00%3A00%3A00Z&sks=b&skv=2023-01-03&sig=" + KEY,
				null));

		assertThat(target.name()).isEqualTo("reports01");
		assertThat(target.tenantId()).isEqualTo("72f988bf-86f1-41af-91ab-2d7cd011db47");
	}

	@Test
	void resolveWhenPresignedUrlThenRegionAndTheSigningKeysAccount() {
		SecretTarget target = resolution.resolve(new SecretText("aws_s3_presigned_url",
				"https://s3.us-east-1.amazonaws.com/backups-bucket/db.dump?X-Amz-Credential="
						+ "ASIAY34FZKBOKMUTVV7A%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abcdef",
				null));

		assertThat(target.region()).isEqualTo("us-east-1");
		assertThat(target.accountId()).isEqualTo("609629065308");
	}

	@Test
	void resolveWhenCloudStorageSignedUrlThenTheSignersProject() {
		SecretTarget target = resolution.resolve(new SecretText("google_cloud_storage_signed_url",
				"https://storage.googleapis.com/media-bucket/photo.jpg?X-Goog-Credential="
						+ "signer%40acme-media-prod.iam.gserviceaccount.com%2F20261120%2Fauto%2Fstorage%2Fgoog4_request"
						+ "&X-Goog-Signature=0a1b2c",
				null));

		assertThat(target.accountId()).isEqualTo("acme-media-prod");
	}

	@Test
	void resolveWhenAwsKeyIdThenTheAccountDecodedOffline() {
		SecretTarget newKey = resolution.resolve(new SecretText("aws_access_key_id", "ASIAY34FZKBOKMUTVV7A", null));
		SecretTarget oldKey = resolution.resolve(new SecretText("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE", null));

		assertThat(newKey.kind()).isEqualTo(TargetKind.CLOUD_IDENTITY);
		assertThat(newKey.cloud()).isEqualTo("aws");
		assertThat(newKey.accountId()).isEqualTo("609629065308");
		assertThat(newKey.toString()).doesNotContain("ASIAY34FZKBOKMUTVV7A");
		assertThat(oldKey.kind()).isEqualTo(TargetKind.CLOUD_IDENTITY);
		assertThat(oldKey.accountId()).isNull();
		assertThat(oldKey.confidence()).isEqualTo(SecretTarget.MEDIUM);
	}

	@Test
	void resolveWhenEntraAccessTokenThenTenantApplicationAndAudience() {
		String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"abc\"}");
		String claims = base64Url("{\"aud\":\"https://management.azure.com/\",\"iss\":\"https://sts.windows.net/"
				+ "72f988bf-86f1-41af-91ab-2d7cd011db47/\",\"tid\":\"72f988bf-86f1-41af-91ab-2d7cd011db47\","
				+ "\"appid\":\"1950a258-227b-4e31-a9cf-717495945fc2\",\"exp\":1790000000}");
		SecretTarget target = resolution.resolve(new SecretText("azure_active_directory_access_token",
				"Authorization: Bearer " + header + "." + claims + ".c2lnbmF0dXJl", null));

		assertThat(target.kind()).isEqualTo(TargetKind.CLOUD_IDENTITY);
		assertThat(target.tenantId()).isEqualTo("72f988bf-86f1-41af-91ab-2d7cd011db47");
		assertThat(target.name()).isEqualTo("1950a258-227b-4e31-a9cf-717495945fc2");
		assertThat(target.host()).isEqualTo("management.azure.com");
		// the application's credential fingerprint (sha256 of the client id), which identity_credential matches
		assertThat(target.keyFingerprint()).isEqualTo("sha256:ff6726cab9b13f8afc66f668b13b17f9c3c8d0aa23aaebf2d4b3a81c1a7fbab1");
	}

	@Test
	void resolveWhenSaasTokenThenTheServiceAndNoCloud() {
		assertThat(resolution.resolve(new SecretText("github_personal_access_token", "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", null)))
			.extracting(SecretTarget::kind, SecretTarget::resourceType, SecretTarget::cloud)
			.containsExactly(TargetKind.SAAS_IDENTITY, "github", null);
		assertThat(resolution.resolve(new SecretText("generic", "token: npm_" + "a".repeat(36), null)).resourceType())
			.isEqualTo("npm");
		assertThat(resolution.resolve(new SecretText("generic", "OPENAI_API_KEY=sk-proj-abcT3BlbkFJxyz", null))
			.resourceType()).isEqualTo("openai");
		assertThat(resolution.resolve(new SecretText("AdoPat", "x".repeat(52), null)).resourceType())
			.isEqualTo("azure_devops");
	}

	@Test
	void resolveWhenLocalOrEmulatorThenUnresolvedAndSaysSo() {
		SecretTarget emulator = resolution.resolve(
				new SecretText("azure_storage_account_connection_string", "UseDevelopmentStorage=true", null));
		SecretTarget local = resolution.resolve(new SecretText("azure_sql_connection_string",
				"Server=localhost;Database=x;User Id=sa;Password=" + PASSWORD, null));

		assertThat(emulator.kind()).isEqualTo(TargetKind.UNRESOLVED);
		assertThat(emulator.evidence()).contains("emulator");
		assertThat(local.kind()).isEqualTo(TargetKind.UNRESOLVED);
		assertThat(local.evidence()).contains("localhost");
	}

	@Test
	void resolveWhenKeyAloneThenUnresolvedUntilTheTextAroundItNamesTheAccount() {
		SecretText keyOnly = new SecretText("azure_storage_account_key", KEY, null);
		SecretText withContext = new SecretText("azure_storage_account_key", KEY,
				"storage:\n  account: ignored\n  connection: DefaultEndpointsProtocol=https;AccountName=nearby01;AccountKey="
						+ KEY);

		SecretTarget alone = resolution.resolve(keyOnly);
		SecretTarget near = resolution.resolve(withContext);

		assertThat(alone.kind()).isEqualTo(TargetKind.UNRESOLVED);
		assertThat(near.name()).isEqualTo("nearby01");
		assertThat(near.confidence()).isEqualTo(SecretTarget.MEDIUM);
		assertThat(near.evidence()).startsWith("near the secret:");
		assertNoSecretIn(near);
	}

	@Test
	void resolveWhenNothingToGoByThenUnresolved() {
		assertThat(resolution.resolve(new SecretText("generic_password", "password=" + PASSWORD, null)).kind())
			.isEqualTo(TargetKind.UNRESOLVED);
		assertThat(resolution.resolve(new SecretText("generic_password", "", null)).kind())
			.isEqualTo(TargetKind.UNRESOLVED);
	}

	static void assertNoSecretIn(SecretTarget target) {
		assertThat(target.toString()).doesNotContain("LeakCanary");
	}

	private static Arguments row(String family, String secretType, String value, String cloud, String resourceType,
			String name) {
		return Arguments.of(family, secretType, value, cloud, resourceType, name);
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
