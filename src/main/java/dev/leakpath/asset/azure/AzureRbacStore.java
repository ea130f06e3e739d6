package dev.leakpath.asset.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.identity.azure.AzureRoleAssignment;
import dev.leakpath.identity.azure.AzureRoleDefinition;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The tenant's RBAC as read, kept in {@code azure_role_assignment}, {@code azure_role_definition} and
 * {@code azure_service_principal} (V202612150000), replaced whole per tenant on each read.
 */
@Component
class AzureRbacStore {

	private static final String INSERT_ASSIGNMENTS = """
			insert into azure_role_assignment (id, tenant_id, principal_id, principal_type, role_definition_id, scope)
			select id, :tenant, principal_id, principal_type, role_definition_id, scope
			from unnest(cast(:id as text[]), cast(:principalId as text[]), cast(:principalType as text[]),
			            cast(:roleDefinitionId as text[]), cast(:scope as text[]))
			     as input (id, principal_id, principal_type, role_definition_id, scope)
			on conflict (id) do update set tenant_id = excluded.tenant_id, principal_id = excluded.principal_id
			  , principal_type = excluded.principal_type, role_definition_id = excluded.role_definition_id
			  , scope = excluded.scope
			""";

	private static final String INSERT_DEFINITIONS = """
			insert into azure_role_definition (id, tenant_id, guid, role_name, role_type, permissions)
			select id, :tenant, guid, role_name, role_type, cast(permissions as jsonb)
			from unnest(cast(:id as text[]), cast(:guid as text[]), cast(:roleName as text[]),
			            cast(:roleType as text[]), cast(:permissions as text[]))
			     as input (id, guid, role_name, role_type, permissions)
			on conflict (id) do update set tenant_id = excluded.tenant_id, guid = excluded.guid
			  , role_name = excluded.role_name, role_type = excluded.role_type, permissions = excluded.permissions
			""";

	private static final String INSERT_PRINCIPALS = """
			insert into azure_service_principal (id, tenant_id, app_id, display_name, app_owner_organization_id)
			select id, :tenant, app_id, display_name, owner
			from unnest(cast(:id as text[]), cast(:appId as text[]), cast(:displayName as text[]),
			            cast(:owner as text[])) as input (id, app_id, display_name, owner)
			on conflict (id) do update set tenant_id = excluded.tenant_id, app_id = excluded.app_id
			  , display_name = excluded.display_name, app_owner_organization_id = excluded.app_owner_organization_id
			""";

	private final DatabaseClient db;

	private final ObjectMapper mapper;

	AzureRbacStore(DatabaseClient db, ObjectMapper mapper) {
		this.db = db;
		this.mapper = mapper;
	}

	/** In the caller's transaction: the tenant's rows replaced by these; a refused Graph keeps its principals. */
	Mono<Void> replace(String tenant, AzureRbacRows.Rbac rbac, Optional<List<ResourceGraphIdentities.Principal>> known) {
		List<AzureRoleAssignment> assignments = rbac.assignments();
		List<AzureRoleDefinition> definitions = rbac.definitions();
		Mono<Long> delete = Mono.just(0L);
		List<String> tables = new ArrayList<>(List.of("azure_role_assignment", "azure_role_definition"));
		// a refused Graph keeps the principals read before
		known.ifPresent(principals -> tables.add("azure_service_principal"));
		for (String table : tables) {
			// the table names are constants: only the tenant is a value
			delete = delete.then(db.sql("delete from " + table + " where tenant_id = :tenant").bind("tenant", tenant)
				.fetch()
				.rowsUpdated());
		}
		Mono<Long> insertAssignments = assignments.isEmpty() ? Mono.just(0L) : db.sql(INSERT_ASSIGNMENTS)
			.bind("tenant", tenant)
			.bind("id", assignments.stream().map(AzureRoleAssignment::id).toArray(String[]::new))
			.bind("principalId", assignments.stream().map(AzureRoleAssignment::principalId).toArray(String[]::new))
			.bind("principalType", assignments.stream().map(AzureRoleAssignment::principalType).toArray(String[]::new))
			.bind("roleDefinitionId", assignments.stream().map(AzureRoleAssignment::roleDefinitionId).toArray(String[]::new))
			.bind("scope", assignments.stream().map(AzureRoleAssignment::scope).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		Mono<Long> insertDefinitions = definitions.isEmpty() ? Mono.just(0L) : db.sql(INSERT_DEFINITIONS)
			.bind("tenant", tenant)
			.bind("id", definitions.stream().map(AzureRoleDefinition::id).toArray(String[]::new))
			.bind("guid", definitions.stream().map(AzureRoleDefinition::guid).toArray(String[]::new))
			.bind("roleName", definitions.stream().map(AzureRoleDefinition::roleName).toArray(String[]::new))
			.bind("roleType", definitions.stream().map(AzureRoleDefinition::type).toArray(String[]::new))
			.bind("permissions", definitions.stream().map(this::permissions).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		List<ResourceGraphIdentities.Principal> principals = known.orElse(List.of());
		Mono<Long> insertPrincipals = principals.isEmpty() ? Mono.just(0L) : db.sql(INSERT_PRINCIPALS)
			.bind("tenant", tenant)
			.bind("id", principals.stream().map(ResourceGraphIdentities.Principal::id).toArray(String[]::new))
			.bind("appId", principals.stream().map(ResourceGraphIdentities.Principal::appId).toArray(String[]::new))
			.bind("displayName", principals.stream().map(ResourceGraphIdentities.Principal::displayName).toArray(String[]::new))
			.bind("owner", principals.stream().map(ResourceGraphIdentities.Principal::appOwnerOrganizationId).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		return Flux.concat(delete, insertAssignments, insertDefinitions, insertPrincipals).then();
	}

	private String permissions(AzureRoleDefinition definition) {
		try {
			return mapper.writeValueAsString(definition.permissions());
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A role definition's permissions could not be written as JSON", ex);
		}
	}

}
