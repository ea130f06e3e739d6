package dev.leakpath.asset.azure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.leakpath.attackpath.GraphMaintenance;
import dev.leakpath.identity.azure.AzureAccessEvaluation;
import dev.leakpath.identity.azure.AzureRoleAssignment;
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

	private final AzureRbacStore rbacStore;

	ResourceGraphIdentities(ResourceGraphProperties properties, ResourceGraphClient client, DatabaseClient db,
			TransactionalOperator transaction, GraphMaintenance graph, AzureRbacStore rbacStore) {
		this.properties = properties;
		this.client = client;
		this.db = db;
		this.transaction = transaction;
		this.graph = graph;
		this.rbacStore = rbacStore;
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
				Mono<Integer> write = graph.holdOffRecompute().then(rbacStore.replace(tenant, rbac, known))
					.then(assets())
					.flatMap(assets -> Mono.fromCallable(() -> AzureRbacRules.evaluate(rbac, read.getT2(), known, assets))
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

	private Mono<List<Object[]>> assets() {
		return db.sql(ASSETS).bind("source", ResourceGraphInventory.SOURCE)
			.map(row -> new Object[] { row.get("id", Long.class), row.get("provider_id", String.class),
					row.get("resource_type", String.class) })
			.all()
			.collectList();
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

	private Mono<Void> writeIdentities(String tenant, String source, List<AzureRbacRules.Evaluated> identities, boolean known) {
		// upserted so that graph node ids stay; a principal gone from the assignments goes with its credential and
		// access (cascade)
		Mono<Long> delete = db.sql(DELETE_GONE).bind("source", source)
			.bind("providerId", identities.stream().map(AzureRbacRules.Evaluated::providerId).toArray(String[]::new))
			.fetch()
			.rowsUpdated()
			.then(db.sql(DELETE_CREDENTIALS).bind("source", source).fetch().rowsUpdated())
			.then(db.sql(DELETE_ACCESS).bind("source", source).fetch().rowsUpdated());
		Mono<Long> insert = identities.isEmpty() ? Mono.just(0L) : db.sql(INSERT_IDENTITIES)
			.bind("tenant", tenant)
			.bind("known", known)
			.bind("source", source)
			.bind("providerId", identities.stream().map(AzureRbacRules.Evaluated::providerId).toArray(String[]::new))
			.bind("name", identities.stream().map(AzureRbacRules.Evaluated::name).toArray(String[]::new))
			.bind("privileged", identities.stream().map(AzureRbacRules.Evaluated::privileged).toArray(Boolean[]::new))
			.fetch()
			.rowsUpdated();
		List<AzureRbacRules.Evaluated> keyed = identities.stream().filter(identity -> identity.credentialFingerprint() != null).toList();
		Mono<Long> credentials = keyed.isEmpty() ? Mono.just(0L) : db.sql(INSERT_CREDENTIALS)
			.bind("fingerprint", keyed.stream().map(AzureRbacRules.Evaluated::credentialFingerprint).toArray(String[]::new))
			.bind("providerId", keyed.stream().map(AzureRbacRules.Evaluated::providerId).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		List<String> providerIds = new ArrayList<>();
		List<AzureRbacRules.Access> access = new ArrayList<>();
		identities.forEach(identity -> identity.access().forEach(entry -> {
			providerIds.add(identity.providerId());
			access.add(entry);
		}));
		Mono<Long> accessWritten = access.isEmpty() ? Mono.just(0L) : db.sql(INSERT_ACCESS)
			.bind("assumed", !known)
			.bind("providerId", providerIds.toArray(String[]::new))
			.bind("assetId", access.stream().map(AzureRbacRules.Access::assetId).toArray(Long[]::new))
			.bind("level", access.stream().map(AzureRbacRules.Access::level).toArray(String[]::new))
			.bind("reason", access.stream().map(AzureRbacRules.Access::reason).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
		return Flux.concat(delete, insert, credentials, accessWritten).then();
	}

}
