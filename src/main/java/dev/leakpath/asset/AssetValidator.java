package dev.leakpath.asset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.leakpath.asset.InvalidAssetsException.RowError;

/** Checks a batch of assets before anything is written: every problem of every row, with its index. */
final class AssetValidator {

	static final Set<String> CLOUDS = Set.of("azure", "azure-us-government", "azure-china", "aws", "gcp");

	static final int MAX_BATCH = 10_000;

	private static final int MAX_TEXT = 1_000;

	private static final int MAX_HOSTS = 50;

	private static final Pattern SSH_FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

	private AssetValidator() {
	}

	/** @param maxBatch the most rows one batch may hold (an API request is capped; a whole source is not) */
	static List<RowError> validate(List<AssetInput> assets, int maxBatch) {
		List<RowError> errors = new ArrayList<>();
		if (assets.size() > maxBatch) {
			errors.add(new RowError(-1, null, "at most " + maxBatch + " assets per request, not " + assets.size()));
			return errors;
		}
		Set<String> providerIds = new HashSet<>();
		for (int index = 0; index < assets.size(); index++) {
			AssetInput asset = assets.get(index);
			if (asset == null) {
				errors.add(new RowError(index, null, "is null"));
				continue;
			}
			if (asset.cloud() == null || !CLOUDS.contains(asset.cloud())) {
				errors.add(new RowError(index, "cloud", "must be one of " + new TreeSet<>(CLOUDS)));
			}
			required(errors, index, "resourceType", asset.resourceType());
			required(errors, index, "name", asset.name());
			if (required(errors, index, "providerId", asset.providerId()) && !providerIds.add(asset.providerId())) {
				errors.add(new RowError(index, "providerId", "appears twice in the batch"));
			}
			if (asset.hosts() != null) {
				if (asset.hosts().size() > MAX_HOSTS) {
					errors.add(new RowError(index, "hosts", "at most " + MAX_HOSTS + " hosts"));
				}
				for (String host : asset.hosts()) {
					if (host == null || host.isBlank() || host.length() > 253 || host.chars().anyMatch(Character::isWhitespace)) {
						errors.add(new RowError(index, "hosts", "holds an empty or malformed host name"));
						break;
					}
				}
			}
			if (asset.sshKeyFingerprints() != null) {
				if (asset.sshKeyFingerprints().size() > MAX_HOSTS) {
					errors.add(new RowError(index, "sshKeyFingerprints", "at most " + MAX_HOSTS + " keys"));
				}
				if (!asset.sshKeyFingerprints().stream().allMatch(key -> key != null && SSH_FINGERPRINT.matcher(key).matches())) {
					errors.add(new RowError(index, "sshKeyFingerprints",
							"holds a value that is not an OpenSSH SHA256:<43 base64 characters> fingerprint"));
				}
			}
			for (String[] field : new String[][] { { "region", asset.region() }, { "accountId", asset.accountId() },
					{ "owner", asset.owner() } }) {
				if (field[1] != null && field[1].length() > MAX_TEXT) {
					errors.add(new RowError(index, field[0], "is longer than " + MAX_TEXT + " characters"));
				}
			}
		}
		return errors;
	}

	private static boolean required(List<RowError> errors, int index, String field, String value) {
		if (value == null || value.isBlank()) {
			errors.add(new RowError(index, field, "is required"));
			return false;
		}
		if (value.length() > MAX_TEXT) {
			errors.add(new RowError(index, field, "is longer than " + MAX_TEXT + " characters"));
			return false;
		}
		return true;
	}

}
