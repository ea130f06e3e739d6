package dev.leakpath.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Finds what a secret can authenticate to. The resolvers that own the provider's secret type go first;
 * when the type is generic, or they find nothing, every resolver reads the value by its shape; then the
 * same runs over the text around the secret, when there is any. No resolver error ever escapes: an
 * unreadable value is unresolved.
 */
@Component
public class TargetResolution {

	/** Most specific first: a SAS URL also holds a storage host, which the host scan would find less precisely. */
	private final List<TargetResolver> resolvers = List.of(new SignedUrlResolver(), new ConnectionStringResolver(),
			new PrivateKeyResolver(), new JwtResolver(), new EntraClientSecretResolver(), new AwsKeyResolver(),
			new GcpServiceAccountKeyResolver(), new GcpApiKeyResolver(), new SaasResolver(), new HostScanResolver());

	public SecretTarget resolve(SecretText secret) {
		List<TargetResolver> ordered = new ArrayList<>();
		resolvers.stream().filter(resolver -> resolver.secretTypes().contains(secret.secretType())).forEach(ordered::add);
		resolvers.stream().filter(resolver -> !ordered.contains(resolver)).forEach(ordered::add);
		Optional<SecretTarget> fromValue = firstOf(ordered, secret.value(), secret.secretType());
		if (fromValue.isPresent() && fromValue.get().resolved()) {
			return fromValue.get();
		}
		if (secret.context() != null && !secret.context().isBlank()) {
			Optional<SecretTarget> fromContext = firstOf(ordered, secret.context(), secret.secretType())
				.filter(SecretTarget::resolved)
				.map(TargetResolution::fromContext);
			if (fromContext.isPresent()) {
				return fromContext.get();
			}
		}
		return fromValue.orElseGet(() -> SecretTarget.unresolved(secret.context() == null
				? "the value names no resource, and the text around it was not read"
				: "neither the value nor the text around it names a resource"));
	}

	/** The first resolved target; else the first unresolved one that says why (an emulator, an encrypted key). */
	private static Optional<SecretTarget> firstOf(List<TargetResolver> ordered, String text, String secretType) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		SecretTarget explained = null;
		for (TargetResolver resolver : ordered) {
			Optional<SecretTarget> target;
			try {
				target = resolver.resolve(text, secretType);
			}
			catch (RuntimeException ex) {
				// the text is the secret: nothing of it may reach a log, so the failure is only skipped
				continue;
			}
			if (target.isPresent() && target.get().resolved()) {
				return target;
			}
			if (target.isPresent() && explained == null) {
				explained = target.get();
			}
		}
		return Optional.ofNullable(explained);
	}

	private static SecretTarget fromContext(SecretTarget target) {
		return new SecretTarget(target.kind(), target.cloud(), target.resourceType(), target.name(), target.host(),
				target.accountId(), target.tenantId(), target.region(), target.keyFingerprint(),
				"near the secret: " + target.evidence(),
				SecretTarget.HIGH.equals(target.confidence()) ? SecretTarget.MEDIUM : target.confidence());
	}

}
