package dev.leakpath.alert;

/**
 * Conditions on an alert listing; null means no condition. {@code organizations} are those the caller may see
 * (null: all); {@code beforeId} is the keyset cursor.
 */
public record AlertFilter(String provider, String organization, String repository, String state,
		String secretType, String validity, String[] organizations, Long beforeId, int limit) {
}
