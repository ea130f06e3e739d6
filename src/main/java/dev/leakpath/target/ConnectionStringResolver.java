package dev.leakpath.target;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Connection strings: Azure Storage ({@code AccountName} and {@code EndpointSuffix}, or an explicit
 * {@code *Endpoint}), Cosmos DB ({@code AccountEndpoint}), Service Bus, Event Hubs, App Configuration,
 * SignalR, Web PubSub, Communication Services ({@code Endpoint}), IoT Hub ({@code HostName}) and databases
 * ({@code Server}, {@code Data Source}, {@code Host}): Azure SQL, PostgreSQL, MySQL, MariaDB, AWS RDS and
 * Redshift. Passwords and keys in the string are never read into the target.
 */
final class ConnectionStringResolver implements TargetResolver {

	private static final String DEFAULT_STORAGE_SUFFIX = "core.windows.net";

	@Override
	public Set<String> secretTypes() {
		return Set.of("azure_storage_account_connection_string", "azure_sql_connection_string",
				"azure_cosmosdb_connection_string", "azure_service_bus_connection_string",
				"azure_event_hub_connection_string", "azure_iot_hub_connection_string",
				"azure_app_configuration_connection_string", "azure_signalr_connection_string",
				"azure_web_pub_sub_connection_string", "azure_communication_services_connection_string",
				"postgres_connection_string", "mysql_connection_string", "odbc_connection_string");
	}

	@Override
	public Optional<SecretTarget> resolve(String text, String secretType) {
		Map<String, String> pairs = ConnectionStrings.parse(text);
		if (pairs.isEmpty()) {
			return Optional.empty();
		}
		if ("true".equalsIgnoreCase(pairs.get("usedevelopmentstorage"))) {
			return Optional.of(SecretTarget.unresolved("storage emulator (UseDevelopmentStorage=true)"));
		}
		String account = pairs.get("accountname");
		if (account != null && !account.isBlank()) {
			String suffix = pairs.getOrDefault("endpointsuffix", DEFAULT_STORAGE_SUFFIX);
			return HostCatalogue.lookup(account + ".blob." + suffix, null, "connection string AccountName");
		}
		for (String key : new String[] { "blobendpoint", "queueendpoint", "tableendpoint", "fileendpoint",
				"accountendpoint", "hostname", "endpoint" }) {
			String endpoint = pairs.get(key);
			if (endpoint != null) {
				Optional<SecretTarget> target = HostCatalogue.lookup(endpoint, null, "connection string " + key);
				if (target.isPresent()) {
					return target.map(found -> narrowMessaging(found, secretType));
				}
			}
		}
		for (String key : new String[] { "server", "datasource", "host", "address", "addr", "networkaddress" }) {
			String server = pairs.get(key);
			if (server != null) {
				Optional<SecretTarget> target = HostCatalogue.lookup(server, null, "connection string " + key);
				if (target.isPresent()) {
					return target;
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * {@code servicebus.windows.net} serves Service Bus, Event Hubs and Relay namespaces alike: the provider's
	 * secret type decides, and without it the confidence drops.
	 */
	private static SecretTarget narrowMessaging(SecretTarget target, String secretType) {
		if (!"Microsoft.ServiceBus/namespaces".equals(target.resourceType())) {
			return target;
		}
		String type = secretType == null ? "" : secretType.toLowerCase(Locale.ROOT);
		if (type.contains("event_hub") || type.contains("eventhub")) {
			return new SecretTarget(target.kind(), target.cloud(), "Microsoft.EventHub/namespaces", target.name(),
					target.host(), null, null, null, null, target.evidence(), SecretTarget.HIGH);
		}
		if (type.contains("service_bus") || type.contains("servicebus")) {
			return target;
		}
		return new SecretTarget(target.kind(), target.cloud(), target.resourceType(), target.name(), target.host(), null,
				null, null, null, target.evidence() + " (Service Bus, Event Hubs or Relay)", SecretTarget.MEDIUM);
	}

}
