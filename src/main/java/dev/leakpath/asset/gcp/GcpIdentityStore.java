package dev.leakpath.asset.gcp;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The {@code gcp_resource}, {@code gcp_service_account}, {@code gcp_service_account_key} and {@code gcp_iam_binding}
 * tables: a scope's rows replaced whole, in one transaction.
 */
@Component
class GcpIdentityStore {

	private static final String INSERT_RESOURCES = """
			insert into gcp_resource (name, scope, asset_type, project, folders, organization)
			select name, :scope, asset_type, project, string_to_array(folders, ' '), organization
			from unnest(cast(:name as text[]), cast(:assetType as text[]), cast(:project as text[]),
			            cast(:folders as text[]), cast(:organization as text[]))
			     as input (name, asset_type, project, folders, organization)
			on conflict (name) do update set scope = excluded.scope, asset_type = excluded.asset_type,
			    project = excluded.project, folders = excluded.folders, organization = excluded.organization,
			    updated_at = now()
			""";

	private static final String INSERT_ACCOUNTS = """
			insert into gcp_service_account (email, scope, name, project, unique_id, disabled)
			select email, :scope, name, project, unique_id, disabled
			from unnest(cast(:email as text[]), cast(:name as text[]), cast(:project as text[]),
			            cast(:uniqueId as text[]), cast(:disabled as boolean[]))
			     as input (email, name, project, unique_id, disabled)
			""";

	private static final String INSERT_KEYS = """
			insert into gcp_service_account_key (key_id, service_account_email, name, key_type, disabled)
			select * from unnest(cast(:keyId as text[]), cast(:email as text[]), cast(:name as text[]),
			                     cast(:keyType as text[]), cast(:disabled as boolean[]))
			on conflict (key_id) do nothing
			""";

	private static final String INSERT_BINDINGS = """
			insert into gcp_iam_binding (scope, resource, asset_type, role, member, conditional)
			select :scope, resource, asset_type, role, member, conditional
			from unnest(cast(:resource as text[]), cast(:assetType as text[]), cast(:role as text[]),
			            cast(:member as text[]), cast(:conditional as boolean[]))
			     as input (resource, asset_type, role, member, conditional)
			on conflict do nothing
			""";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	GcpIdentityStore(DatabaseClient db, TransactionalOperator transaction) {
		this.db = db;
		this.transaction = transaction;
	}

	/** Makes the read's resources, service accounts, keys and bindings the scope's. */
	Mono<Void> replaceScope(String scope, GcpRead read) {
		List<GcpRead.Key> keys = read.serviceAccounts().stream().flatMap(account -> account.keys().stream()).toList();
		List<String> keyAccounts = read.serviceAccounts().stream()
			.flatMap(account -> account.keys().stream().map(key -> account.email()))
			.toList();
		Mono<Long> delete = Mono.just(0L);
		for (String table : List.of("gcp_resource", "gcp_service_account", "gcp_iam_binding")) {
			// the table names are constants: only the scope is a value
			delete = delete.then(db.sql("delete from " + table + " where scope = :scope").bind("scope", scope)
				.fetch()
				.rowsUpdated());
		}
		Mono<Long> resources = read.resources().isEmpty() ? Mono.just(0L) : db.sql(INSERT_RESOURCES)
			.bind("scope", scope)
			.bind("name", read.resources().stream().map(GcpRead.Resource::name).toArray(String[]::new))
			.bind("assetType", read.resources().stream().map(GcpRead.Resource::assetType).toArray(String[]::new))
			.bind("project", read.resources().stream().map(GcpRead.Resource::project).toArray(String[]::new))
			.bind("folders", read.resources().stream().map(resource -> String.join(" ", resource.folders()))
				.toArray(String[]::new))
			.bind("organization", read.resources().stream().map(GcpRead.Resource::organization).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		Mono<Long> accounts = read.serviceAccounts().isEmpty() ? Mono.just(0L) : db.sql(INSERT_ACCOUNTS)
			.bind("scope", scope)
			.bind("email", read.serviceAccounts().stream().map(GcpRead.ServiceAccount::email).toArray(String[]::new))
			.bind("name", read.serviceAccounts().stream().map(GcpRead.ServiceAccount::name).toArray(String[]::new))
			.bind("project", read.serviceAccounts().stream().map(GcpRead.ServiceAccount::project).toArray(String[]::new))
			.bind("uniqueId", read.serviceAccounts().stream().map(GcpRead.ServiceAccount::uniqueId).toArray(String[]::new))
			.bind("disabled", read.serviceAccounts().stream().map(GcpRead.ServiceAccount::disabled).toArray(Boolean[]::new))
			.fetch()
			.rowsUpdated();
		Mono<Long> insertedKeys = keys.isEmpty() ? Mono.just(0L) : db.sql(INSERT_KEYS)
			.bind("keyId", keys.stream().map(GcpRead.Key::keyId).toArray(String[]::new))
			.bind("email", keyAccounts.toArray(String[]::new))
			.bind("name", keys.stream().map(GcpRead.Key::name).toArray(String[]::new))
			.bind("keyType", keys.stream().map(GcpRead.Key::keyType).toArray(String[]::new))
			.bind("disabled", keys.stream().map(GcpRead.Key::disabled).toArray(Boolean[]::new))
			.fetch()
			.rowsUpdated();
		Mono<Long> bindings = read.bindings().isEmpty() ? Mono.just(0L) : db.sql(INSERT_BINDINGS)
			.bind("scope", scope)
			.bind("resource", read.bindings().stream().map(GcpRead.Binding::resource).toArray(String[]::new))
			.bind("assetType", read.bindings().stream().map(GcpRead.Binding::assetType).toArray(String[]::new))
			.bind("role", read.bindings().stream().map(GcpRead.Binding::role).toArray(String[]::new))
			.bind("member", read.bindings().stream().map(GcpRead.Binding::member).toArray(String[]::new))
			.bind("conditional", read.bindings().stream().map(GcpRead.Binding::conditional).toArray(Boolean[]::new))
			.fetch()
			.rowsUpdated();
		return transaction.transactional(delete.then(resources).then(accounts).then(insertedKeys).then(bindings)).then();
	}

}
