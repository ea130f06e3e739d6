package dev.leakpath.asset.azure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.leakpath.attackpath.GraphMaintenance;
import dev.leakpath.identity.azure.AzureAccess;
import dev.leakpath.identity.azure.AzureAccessEvaluation;
import dev.leakpath.identity.azure.AzureRoleAssignment;
import dev.leakpath.identity.azure.AzureRoleDefinition;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.target.EntraClientIds;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The tenant's Azure RBAC (Resource Graph {@code authorizationresources}) and the service principals its
 * assignments name (Microsoft Graph), stored in {@code azure_role_assignment}, {@code azure_role_definition} and
 * {@code azure_service_principal}, then written into the identity layer (V202612130000): one
 * {@code entra_service_principal} identity per service principal with an assignment, keyed by its application
 * (client) id, whose credential fingerprint is that id's (so an Entra app secret whose context names the client id
 * authenticates as it), and its {@code identity_access} from {@link AzureAccessEvaluation} over the Resource Graph
 * assets. When Graph refuses (403, no {@code Application.Read.All}) the assignments are still evaluated, keyed by
 * object id, their reach assumed, and no credential can join them. The paths of the tenant's Entra secrets,
 * before and after, are then brought up to date in the same transaction.
 */
@Component
class ResourceGraphIdentities {

	/** Role assignments and definitions; ordered so that pages are stable across {@code $skipToken}. */
	static final String QUERY = "authorizationresources | where type in~ ('" + AzureRbacRows.ASSIGNMENTS + "', '"
			+ AzureRbacRows.DEFINITIONS + "') | project id, type, tenantId, properties | order by id asc";

	/** The roles that make a principal an administrator of what they are assigned over. */
	private static final Set<String> PRIVILEGED_ROLES = Set.of("owner", "contributor", "user access administrator");

	private static final Logger log = LoggerFactory.getLogger(ResourceGraphIdentities.class);

	private static final String ASSETS = "select id, provider_id, resource_type from asset where source = :source";

	private static final String AFFECTED_SECRETS = """
			select s.id
			from identity i
			join identity_credential c on c.identity_id = i.id
			join secret s on s.target_kind = 'cloud_identity' and s.target_cloud = c.cloud
			             and s.target_key_fingerprint = c.credential_fingerprint
			where i.source = :source
			""";

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

	private static final String DELETE_GONE = """
			delete from identity where source = :source and not (provider_id = any(cast(:providerId as text[])))""";

	private static final String DELETE_CREDENTIALS = """
			delete from identity_credential c using identity i where i.id = c.identity_id and i.source = :source""";

	private static final String DELETE_ACCESS = """
			delete from identity_access a using identity i where i.id = a.identity_id and i.source = :source""";

	private static final String INSERT_IDENTITIES = """
			insert into identity (cloud, kind, provider_id, scope_id, name, privileged, policy_known, source)
			select 'azure', 'entra_service_principal', provider_id, :tenant, name, privileged, :known, :source
			from unnest(cast(:providerId as text[]), cast(:name as text[]), cast(:privileged as boolean[]))
			     as input (provider_id, name, privileged)
			on conflict (cloud, provider_id) do update set scope_id = excluded.scope_id, name = excluded.name
			  , privileged = excluded.privileged, policy_known = excluded.policy_known, source = excluded.source
			  , updated_at = now()
			""";

	private static final String INSERT_CREDENTIALS = """
			insert into identity_credential (cloud, credential_fingerprint, identity_id, status)
			select 'azure', input.fingerprint, i.id, null
			from unnest(cast(:fingerprint as text[]), cast(:providerId as text[])) as input (fingerprint, provider_id)
			join identity i on i.cloud = 'azure' and i.provider_id = input.provider_id
			on conflict (cloud, credential_fingerprint) do update set identity_id = excluded.identity_id
			""";

	private static final String INSERT_ACCESS = """
			insert into identity_access (identity_id, asset_id, access_level, assumed, reason)
			select i.id, input.asset_id, input.access_level, :assumed, input.reason
			from unnest(cast(:providerId as text[]), cast(:assetId as bigint[]), cast(:level as text[]),
			            cast(:reason as text[])) as input (provider_id, asset_id, access_level, reason)
			join identity i on i.cloud = 'azure' and i.provider_id = input.provider_id
			""";

	private final ResourceGraphProperties properties;

	private final ResourceGraphClient client;

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final GraphMaintenance graph;

	private final ObjectMapper mapper;

	ResourceGraphIdentities(ResourceGraphProperties properties, ResourceGraphClient client, DatabaseClient db,
			TransactionalOperator transaction, GraphMaintenance graph, ObjectMapper mapper) {
		this.properties = properties;
		this.client = client;
		this.db = db;
		this.transaction = transaction;
		this.graph = graph;
		this.mapper = mapper;
	}

	/** A service principal as Graph describes it. */
	record Principal(String id, String appId, String displayName, String appOwnerOrganizationId) {
	}

	/**
	 * Reads the RBAC rows, the management groups above the subscriptions and the principals the assignments name,
	 * and stores them; emits how many identities were written.
	 */
	Mono<Integer> refresh(Mono<List<JsonNode>> authorization, Mono<List<JsonNode>> subscriptions) {
		String tenant = String.valueOf(properties.tenantId());
		return authorization.map(AzureRbacRows::read)
			.zipWith(subscriptions.map(ManagementGroupChains::read))
			.flatMap(read -> principals(read.getT1().assignments()).flatMap(known -> {
				AzureRbacRows.Rbac rbac = read.getT1();
				// a recompute started by the asset read's change must not write back paths read before this update
				Mono<Integer> write = graph.holdOffRecompute().then(store(tenant, rbac, known))
					.then(assets())
					.flatMap(assets -> Mono.fromCallable(() -> evaluate(rbac, read.getT2(), known, assets))
						.subscribeOn(Schedulers.parallel()))
					.flatMap(identities -> {
						String source = "azure:" + tenant + ":rbac";
						return affected(source).flatMap(before -> writeIdentities(tenant, source, identities,
								known.isPresent())
							.then(affected(source))
							.flatMap(after -> {
								before.addAll(after);
								return graph.secretsChanged(before);
							}))
							.thenReturn(identities.size());
					});
				return transaction.transactional(write);
			}))
			.doOnNext(count -> log.info("Resource Graph: {} Entra service principals with Azure role assignments", count));
	}

	/** The principals the assignments name; empty when Graph refuses to say (then reach is assumed). */
	private Mono<Optional<List<Principal>>> principals(List<AzureRoleAssignment> assignments) {
		List<String> ids = assignments.stream()
			.filter(assignment -> "ServicePrincipal".equalsIgnoreCase(assignment.principalType()))
			.map(assignment -> assignment.principalId().toLowerCase(Locale.ROOT))
			.distinct()
			.sorted()
			.toList();
		List<List<String>> batches = new ArrayList<>();
		for (int start = 0; start < ids.size(); start += ResourceGraphClient.GRAPH_IDS_PER_REQUEST) {
			batches.add(ids.subList(start, Math.min(ids.size(), start + ResourceGraphClient.GRAPH_IDS_PER_REQUEST)));
		}
		return Flux.fromIterable(batches)
			.concatMap(client::servicePrincipals)
			.flatMapIterable(answer -> {
				List<Principal> principals = new ArrayList<>();
				answer.path("value").forEach(value -> {
					String id = AzureRbacRows.text(value, "id");
					String appId = AzureRbacRows.text(value, "appId");
					if (id != null && appId != null) {
						principals.add(new Principal(id, appId, AzureRbacRows.text(value, "displayName"),
								AzureRbacRows.text(value, "appOwnerOrganizationId")));
					}
				});
				return principals;
			})
			.collectList()
			.map(Optional::of)
			.onErrorResume(PermanentSourceException.class, ex -> {
				if (ex.status() != 403) {
					return Mono.error(ex);
				}
				log.warn("Microsoft Graph refused to list service principals (grant Application.Read.All): their "
						+ "role assignments are kept, keyed by object id, and their reach marked assumed");
				return Mono.just(Optional.empty());
			});
	}

	private Mono<Void> store(String tenant, AzureRbacRows.Rbac rbac, Optional<List<Principal>> known) {
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
		List<Principal> principals = known.orElse(List.of());
		Mono<Long> insertPrincipals = principals.isEmpty() ? Mono.just(0L) : db.sql(INSERT_PRINCIPALS)
			.bind("tenant", tenant)
			.bind("id", principals.stream().map(Principal::id).toArray(String[]::new))
			.bind("appId", principals.stream().map(Principal::appId).toArray(String[]::new))
			.bind("displayName", principals.stream().map(Principal::displayName).toArray(String[]::new))
			.bind("owner", principals.stream().map(Principal::appOwnerOrganizationId).toArray(String[]::new))
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

	private Mono<List<Object[]>> assets() {
		return db.sql(ASSETS).bind("source", ResourceGraphInventory.SOURCE)
			.map(row -> new Object[] { row.get("id", Long.class), row.get("provider_id", String.class),
					row.get("resource_type", String.class) })
			.all()
			.collectList();
	}

	/** An identity to write: its provider id (app id, or object id when Graph refused), and its access. */
	record Evaluated(String providerId, String name, String credentialFingerprint, boolean privileged,
			List<Access> access) {
	}

	record Access(long assetId, String level, String reason) {
	}

	static List<Evaluated> evaluate(AzureRbacRows.Rbac rbac, ManagementGroupChains managementGroups,
			Optional<List<Principal>> known, List<Object[]> rows) {
		Map<String, Long> assetIds = new LinkedHashMap<>();
		List<AzureAccessEvaluation.Asset> assets = new ArrayList<>();
		for (Object[] row : rows) {
			assetIds.put(((String) row[1]).toLowerCase(Locale.ROOT), (Long) row[0]);
			assets.add(new AzureAccessEvaluation.Asset((String) row[1], (String) row[2],
					managementGroups.above((String) row[1])));
		}
		Map<String, String> roleNames = new LinkedHashMap<>();
		rbac.definitions().forEach(definition -> roleNames.put(definition.guid().toLowerCase(Locale.ROOT),
				definition.roleName()));
		List<Principal> principals = known.orElseGet(() -> rbac.assignments().stream()
			.filter(assignment -> "ServicePrincipal".equalsIgnoreCase(assignment.principalType()))
			.map(assignment -> assignment.principalId().toLowerCase(Locale.ROOT))
			.distinct()
			.map(id -> new Principal(id, null, null, null))
			.toList());
		// each principal against its own assignments and the assets under their scopes, not the tenant's all
		Map<String, List<AzureRoleAssignment>> byPrincipal = rbac.assignments().stream()
			.collect(Collectors.groupingBy(assignment -> assignment.principalId().toLowerCase(Locale.ROOT)));
		AzureAccessEvaluation.Tenant tenant = AzureAccessEvaluation.tenant(rbac.definitions(), assets);
		List<Evaluated> evaluated = new ArrayList<>();
		for (Principal principal : principals) {
			List<AzureRoleAssignment> own = byPrincipal.getOrDefault(principal.id().toLowerCase(Locale.ROOT), List.of());
			boolean privileged = own.stream()
				.map(assignment -> roleNames.get(lastSegment(assignment.roleDefinitionId())))
				.anyMatch(name -> name != null && PRIVILEGED_ROLES.contains(name.toLowerCase(Locale.ROOT)));
			List<Access> access = new ArrayList<>();
			for (AzureAccess reach : tenant.evaluate(principal.id(), own)) {
				Long assetId = assetIds.get(reach.resourceId().toLowerCase(Locale.ROOT));
				if (assetId == null) {
					continue;
				}
				String level = reach.privileged() ? "admin"
						: reach.controlWrite() || reach.dataWrite() ? "write" : "read";
				access.add(new Access(assetId, level, "role assignment: " + String.join(", ", reach.roles())));
			}
			String providerId = principal.appId() == null ? principal.id() : principal.appId().toLowerCase(Locale.ROOT);
			evaluated.add(new Evaluated(providerId,
					principal.displayName() == null ? principal.id() : principal.displayName(),
					principal.appId() == null ? null : fingerprint(principal.appId()), privileged, List.copyOf(access)));
		}
		return evaluated;
	}

	private static String lastSegment(String id) {
		return id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
	}

	/** The client id's credential fingerprint, as the target resolvers compute it for a secret. */
	static String fingerprint(String clientId) {
		return EntraClientIds.fingerprint(clientId);
	}

	private Mono<Set<Long>> affected(String source) {
		return db.sql(AFFECTED_SECRETS).bind("source", source)
			.map(row -> row.get("id", Long.class))
			.all()
			.collect(Collectors.toCollection(HashSet::new));
	}

	private Mono<Void> writeIdentities(String tenant, String source, List<Evaluated> identities, boolean known) {
		// upserted so that graph node ids stay; a principal gone from the assignments goes with its credential and
		// access (cascade)
		Mono<Long> delete = db.sql(DELETE_GONE).bind("source", source)
			.bind("providerId", identities.stream().map(Evaluated::providerId).toArray(String[]::new))
			.fetch()
			.rowsUpdated()
			.then(db.sql(DELETE_CREDENTIALS).bind("source", source).fetch().rowsUpdated())
			.then(db.sql(DELETE_ACCESS).bind("source", source).fetch().rowsUpdated());
		Mono<Long> insert = identities.isEmpty() ? Mono.just(0L) : db.sql(INSERT_IDENTITIES)
			.bind("tenant", tenant)
			.bind("known", known)
			.bind("source", source)
			.bind("providerId", identities.stream().map(Evaluated::providerId).toArray(String[]::new))
			.bind("name", identities.stream().map(Evaluated::name).toArray(String[]::new))
			.bind("privileged", identities.stream().map(Evaluated::privileged).toArray(Boolean[]::new))
			.fetch()
			.rowsUpdated();
		List<Evaluated> keyed = identities.stream().filter(identity -> identity.credentialFingerprint() != null).toList();
		Mono<Long> credentials = keyed.isEmpty() ? Mono.just(0L) : db.sql(INSERT_CREDENTIALS)
			.bind("fingerprint", keyed.stream().map(Evaluated::credentialFingerprint).toArray(String[]::new))
			.bind("providerId", keyed.stream().map(Evaluated::providerId).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		List<String> providerIds = new ArrayList<>();
		List<Access> access = new ArrayList<>();
		identities.forEach(identity -> identity.access().forEach(entry -> {
			providerIds.add(identity.providerId());
			access.add(entry);
		}));
		Mono<Long> accessWritten = access.isEmpty() ? Mono.just(0L) : db.sql(INSERT_ACCESS)
			.bind("assumed", !known)
			.bind("providerId", providerIds.toArray(String[]::new))
			.bind("assetId", access.stream().map(Access::assetId).toArray(Long[]::new))
			.bind("level", access.stream().map(Access::level).toArray(String[]::new))
			.bind("reason", access.stream().map(Access::reason).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		return Flux.concat(delete, insert, credentials, accessWritten).then();
	}

}
