package dev.leakpath.attackpath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The attack-path rules, generated over the graph: for each provider, a rule per kind of resource a secret
 * can reach ("GitHub repository contains an exposed secret with lateral movement to a Key Vault"), and one for
 * a public repository's secret that reaches no resource. The seed's names stay: a public repository's path to
 * a Storage Account is "Publicly accessible … repository contains an exposed secret with lateral movement to a
 * Storage Account" ({@code public-github-secret-to-storage}); its path to anything else, and a private
 * repository's path to a Storage Account, has the plain name, public being a risk factor of the path.
 */
public final class AttackPathRules {

	/** The one kind whose paths from public repositories have a rule, and a name, of their own (the seed's). */
	static final String PUBLIC_KIND = "storage";

	/**
	 * An Entra path's storage account or server key is not what leaked: the application's credential is (declared
	 * before {@link #IDENTITY_RULES}, which reads it).
	 */
	private static final List<String> ENTRA_REMEDIATION = List.of(
			"Delete the client secret from the application registration (Certificates & secrets, or az ad app "
					+ "credential delete) and review the service principal's role assignments and sign-in logs.",
			TargetKinds.VAULT, TargetKinds.RESOLVE);

	/**
	 * The kinds whose paths through an evaluated identity have rules of their own, by the cloud of their
	 * credential: {@code github-aws-key-reads-s3-bucket}, {@code github-gcp-key-writes-storage-bucket},
	 * {@code github-entra-app-writes-storage}. Every kind here is of one cloud, so the kind names the credential.
	 */
	static final List<IdentityRule> IDENTITY_RULES = List.of(
			new IdentityRule("s3-bucket", "aws-key-", "-s3-bucket", "AWS access key", "IAM user", null),
			new IdentityRule("cloud-storage-bucket", "gcp-key-", "-storage-bucket", "GCP service-account key",
					"service account", null),
			entra("storage"), entra("sql"), entra("key-vault"));

	/**
	 * @param kind the target kind ({@link TargetKinds})
	 * @param prefix and suffix: the rule id is the provider, {@code -}, prefix, {@code reads} or {@code writes},
	 * suffix
	 * @param credential and identity name the path's hops
	 * @param remediation what to do, or null for the kind's own
	 */
	record IdentityRule(String kind, String prefix, String suffix, String credential, String identity,
			List<String> remediation) {
	}

	private static IdentityRule entra(String kind) {
		return new IdentityRule(kind, "entra-app-", "-" + kind, "Entra application credential", "service principal",
				ENTRA_REMEDIATION);
	}

	private static final String PRIVATE = "Make the repository private, or purge the secret from its history "
			+ "(git filter-repo) and assume it was copied.";

	private static final String REVOKE = "Revoke or rotate the secret at the service that issued it; deleting the file "
			+ "does not make it safe.";

	private static final Map<String, String> PROVIDERS = Map.of("github", "GitHub", "azure_devops", "Azure DevOps");

	private static final List<AttackPathRule> ALL = rules();

	private static final Map<String, AttackPathRule> BY_ID = ALL.stream()
		.collect(Collectors.toMap(AttackPathRule::id, Function.identity()));

	private AttackPathRules() {
	}

	private static List<AttackPathRule> rules() {
		List<AttackPathRule> rules = new ArrayList<>();
		for (String provider : List.of("github", "azure_devops")) {
			String name = PROVIDERS.get(provider);
			for (TargetKind kind : TargetKinds.all()) {
				rules.add(new AttackPathRule(ruleId(provider, false, kind.id()),
						name + " repository contains an exposed secret with lateral movement to " + kind.noun(), provider,
						false, kind, List.of(name + " repository", "exposed secret", kind.step()), kind.remediation()));
			}
			TargetKind storage = TargetKinds.byId(PUBLIC_KIND);
			List<String> remediation = new ArrayList<>(storage.remediation());
			remediation.add(1, PRIVATE);
			rules.add(new AttackPathRule(ruleId(provider, true, PUBLIC_KIND),
					"Publicly accessible " + name + " repository contains an exposed secret with lateral movement to "
							+ storage.noun(),
					provider, true, storage, List.of("public " + name + " repository", "exposed secret", storage.step()),
					List.copyOf(remediation)));
			for (IdentityRule identity : IDENTITY_RULES) {
				for (boolean write : List.of(false, true)) {
					TargetKind bucket = TargetKinds.byId(identity.kind());
					rules.add(new AttackPathRule(identityRuleId(provider, identity, write),
							name + " repository contains an exposed " + identity.credential() + " whose "
									+ identity.identity() + " can " + (write ? "write to " : "read ") + bucket.noun(),
							provider, false, bucket,
							List.of(name + " repository", "exposed " + identity.credential(), identity.identity(),
									bucket.step()),
							identity.remediation() == null ? bucket.remediation() : identity.remediation()));
				}
			}
			rules.add(new AttackPathRule(plaintextRuleId(provider),
					"Internet exposed " + name + " repository with plaintext secret is publicly accessible", provider, true,
					null, List.of("Internet", "public " + name + " repository", "plaintext secret"),
					List.of(REVOKE, PRIVATE, TargetKinds.RESOLVE)));
		}
		return List.copyOf(rules);
	}

	/** {@code github-secret-to-key-vault}, {@code public-azure-devops-secret-to-storage}. */
	static String ruleId(String provider, boolean publicEntry, String kind) {
		return (publicEntry ? "public-" : "") + slug(provider) + "-secret-to-" + kind;
	}

	/**
	 * {@code github-aws-key-reads-s3-bucket}: a path through the key's identity (IAM user, service account), whose
	 * policies leakpath evaluated (an assumed reach keeps the plain rule).
	 */
	static String identityRuleId(String provider, IdentityRule identity, boolean write) {
		return slug(provider) + "-" + identity.prefix() + (write ? "writes" : "reads") + identity.suffix();
	}

	static String plaintextRuleId(String provider) {
		return "public-" + slug(provider) + "-plaintext-secret";
	}

	private static String slug(String provider) {
		return provider.replace('_', '-');
	}

	public static List<AttackPathRule> all() {
		return ALL;
	}

	public static Optional<AttackPathRule> byId(String id) {
		return Optional.ofNullable(BY_ID.get(id));
	}

}
