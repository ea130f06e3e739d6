package dev.leakpath.secret;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import dev.leakpath.target.SecretExpiry;
import dev.leakpath.target.SecretTarget;
import dev.leakpath.target.SecretText;
import dev.leakpath.target.TargetResolution;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Turns raw secrets into their stored identity: one {@code secret} row per distinct credential, shared by
 * every alert that shows it, with what it can authenticate to. The raw values go no further than this
 * class and target resolution, in memory.
 */
@Component
public class SecretStore {

	private static final String WITHHELD = "withheld-by-provider:";

	private static final String WITHHELD_PREVIEW = "(withheld by the provider)";

	/** A stored target is replaced only by a resolved one, so a later unreadable sighting cannot erase it. */
	private static final String UPSERT = """
			insert into secret (fingerprint, preview, secret_type, target_kind, target_cloud, target_resource_type,
			                    target_name, target_host, target_account_id, target_tenant_id, target_region,
			                    target_key_fingerprint, target_evidence, target_confidence, target_resolved_at,
			                    expires_at)
			select fingerprint, preview, secret_type, kind, cloud, resource_type, name, host, account_id, tenant_id,
			       region, key_fingerprint, evidence, confidence, now(), expires_at
			from unnest(cast(:fingerprint as text[]), cast(:preview as text[]), cast(:secretType as text[]),
			            cast(:kind as text[]), cast(:cloud as text[]), cast(:resourceType as text[]),
			            cast(:name as text[]), cast(:host as text[]), cast(:accountId as text[]),
			            cast(:tenantId as text[]), cast(:region as text[]), cast(:keyFingerprint as text[]),
			            cast(:evidence as text[]), cast(:confidence as text[]), cast(:expiresAt as timestamptz[]))
			     as input (fingerprint, preview, secret_type, kind, cloud, resource_type, name, host, account_id,
			               tenant_id, region, key_fingerprint, evidence, confidence, expires_at)
			on conflict (fingerprint) do update set
			    target_kind            = excluded.target_kind
			  , target_cloud           = excluded.target_cloud
			  , target_resource_type   = excluded.target_resource_type
			  , target_name            = excluded.target_name
			  , target_host            = excluded.target_host
			  , target_account_id      = excluded.target_account_id
			  , target_tenant_id       = excluded.target_tenant_id
			  , target_region          = excluded.target_region
			  , target_key_fingerprint = excluded.target_key_fingerprint
			  , target_evidence        = excluded.target_evidence
			  , target_confidence      = excluded.target_confidence
			  , target_resolved_at     = excluded.target_resolved_at
			where secret.target_kind is null
			   or (secret.target_kind = 'unresolved' and excluded.target_kind <> 'unresolved')
			returning id, fingerprint
			""";

	/**
	 * The expiry of a secret stored before expiries were read, once it is seen again: the same credential always
	 * says the same, so a stored expiry is never replaced, and the target columns stay out of it.
	 */
	private static final String EXPIRY = """
			update secret set expires_at = input.expires_at
			from unnest(cast(:fingerprint as text[]), cast(:expiresAt as timestamptz[])) as input (fingerprint, expires_at)
			where secret.fingerprint = input.fingerprint and secret.expires_at is null and input.expires_at is not null
			""";

	/** Ids of secrets an upsert left alone (their stored target stands): {@code returning} does not list them. */
	private static final String IDS = "select id, fingerprint from secret where fingerprint = any(:fingerprint)";

	private final DatabaseClient db;

	private final SecretFingerprinter fingerprinter;

	private final TargetResolution targets;

	SecretStore(DatabaseClient db, SecretFingerprinter fingerprinter, TargetResolution targets) {
		this.db = db;
		this.fingerprinter = fingerprinter;
		this.targets = targets;
	}

	/**
	 * The secret ids of the given occurrences, in their order; null where an occurrence has no value.
	 */
	public Mono<List<Long>> idsOf(List<Occurrence> occurrences) {
		List<String> fingerprints = new ArrayList<>();
		// sorted, so that concurrent passes lock shared rows in the same order and cannot deadlock
		Map<String, Occurrence> distinct = new TreeMap<>();
		Map<String, SecretTarget> targetsByFingerprint = new HashMap<>();
		for (Occurrence occurrence : occurrences) {
			String fingerprint = null;
			if (occurrence.hasValue()) {
				fingerprint = fingerprinter.fingerprint(occurrence.secret());
			}
			else if (occurrence.withheldId() != null && occurrence.context() != null) {
				// the provider withheld the value: a stand-in row carries what the file around it names
				SecretTarget target = resolve(occurrence);
				if (target.resolved()) {
					fingerprint = fingerprinter.fingerprint(RawSecret.of(WITHHELD + occurrence.withheldId()));
					targetsByFingerprint.put(fingerprint, target);
				}
			}
			fingerprints.add(fingerprint);
			if (fingerprint != null) {
				distinct.putIfAbsent(fingerprint, occurrence);
			}
		}
		if (distinct.isEmpty()) {
			return Mono.just(fingerprints.stream().map(none -> (Long) null).toList());
		}
		List<Occurrence> rows = List.copyOf(distinct.values());
		String[] keys = distinct.keySet().toArray(String[]::new);
		List<SecretTarget> resolved = new ArrayList<>();
		for (int index = 0; index < keys.length; index++) {
			SecretTarget known = targetsByFingerprint.get(keys[index]);
			resolved.add(known != null ? known : resolve(rows.get(index)));
		}
		String[] expiries = rows.stream()
			.map(o -> o.hasValue() ? SecretExpiry.of(o.secret().value()).map(Instant::toString).orElse(null) : null)
			.toArray(String[]::new);
		Mono<Void> upsert = db.sql(UPSERT)
			.bind("fingerprint", keys)
			.bind("preview", rows.stream()
				.map(o -> o.hasValue() ? fingerprinter.preview(o.secret()) : WITHHELD_PREVIEW)
				.toArray(String[]::new))
			.bind("secretType", rows.stream().map(Occurrence::typeId).toArray(String[]::new))
			.bind("kind", column(resolved, target -> target.kind().wireName()))
			.bind("cloud", column(resolved, SecretTarget::cloud))
			.bind("resourceType", column(resolved, SecretTarget::resourceType))
			.bind("name", column(resolved, SecretTarget::name))
			.bind("host", column(resolved, SecretTarget::host))
			.bind("accountId", column(resolved, SecretTarget::accountId))
			.bind("tenantId", column(resolved, SecretTarget::tenantId))
			.bind("region", column(resolved, SecretTarget::region))
			.bind("keyFingerprint", column(resolved, SecretTarget::keyFingerprint))
			.bind("evidence", column(resolved, SecretTarget::evidence))
			.bind("confidence", column(resolved, SecretTarget::confidence))
			.bind("expiresAt", expiries)
			.then();
		Mono<Void> expiry = Arrays.stream(expiries).allMatch(Objects::isNull) ? Mono.empty()
				: db.sql(EXPIRY).bind("fingerprint", keys).bind("expiresAt", expiries).then();
		return upsert.then(expiry).then(db.sql(IDS)
			.bind("fingerprint", keys)
			.map(row -> Map.entry(row.get("fingerprint", String.class), row.get("id", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new))
			.map(ids -> fingerprints.stream().map(fingerprint -> fingerprint == null ? null : ids.get(fingerprint)).toList());
	}

	private static String[] column(List<SecretTarget> targets, Function<SecretTarget, String> value) {
		return targets.stream().map(value).toArray(String[]::new);
	}

	/**
	 * Whether the value alone names nothing (or the provider withheld it), so that the text around it (the
	 * file it was found in) is worth reading.
	 */
	public boolean needsContext(RawSecret secret, String secretType) {
		String value = secret == null ? "" : secret.value();
		return !targets.resolve(new SecretText(secretType, value, null)).resolved();
	}

	private SecretTarget resolve(Occurrence occurrence) {
		return targets.resolve(new SecretText(occurrence.secretType(), occurrence.hasValue() ? occurrence.secret().value() : "",
				occurrence.context() == null ? null : occurrence.context().value()));
	}

	/**
	 * A secret as one alert showed it; {@code secret} may be null when the provider withheld it, and
	 * {@code context} (lines around it in its file) is null unless it was read. {@code withheldId} names the
	 * alert, for a stand-in secret row when the value is withheld but its file names a target: such a row
	 * stands for one alert, since the credential itself is unknown. {@code secretType} is the provider's word (the
	 * target resolvers know both providers' words), {@code typeId} the catalogue's, which the row keeps.
	 */
	public record Occurrence(RawSecret secret, String secretType, String typeId, RawSecret context, String withheldId) {

		boolean hasValue() {
			return secret != null && !secret.isEmpty();
		}

	}

}
