package dev.leakpath.target;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last resort: any cloud endpoint host in the text (a JDBC or database URL, a Redis
 * {@code host:port,password=…} string, a line of configuration). Local hosts say "emulator" only when no
 * cloud host is found.
 */
final class HostScanResolver implements TargetResolver {

	private static final Pattern HOST = Pattern.compile(
			"(?i)(?<![\\w.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}|localhost)(?![\\w-])");

	@Override
	public Set<String> secretTypes() {
		return Set.of();
	}

	@Override
	public Optional<SecretTarget> resolve(String text, String secretType) {
		Matcher host = HOST.matcher(text);
		SecretTarget local = null;
		while (host.find()) {
			Optional<SecretTarget> target = HostCatalogue.lookup(host.group(1), null, "endpoint host in the text");
			if (target.isPresent() && target.get().resolved()) {
				SecretTarget found = target.get();
				return Optional.of(new SecretTarget(found.kind(), found.cloud(), found.resourceType(), found.name(),
						found.host(), found.accountId(), found.tenantId(), found.region(), null, found.evidence(),
						SecretTarget.MEDIUM));
			}
			if (target.isPresent() && local == null) {
				local = target.get();
			}
		}
		return Optional.ofNullable(local);
	}

}
