package dev.leakpath.identity.aws;

import java.util.Locale;

/**
 * IAM's wildcards: {@code *} any run of characters (a {@code /} or {@code :} included), {@code ?} any one.
 * Actions match without regard to case, resource ARNs with it (IAM User Guide, "IAM JSON policy elements: Action"
 * and "Resource").
 */
final class IamPatterns {

	private IamPatterns() {
	}

	static boolean actionMatches(String pattern, String action) {
		return matches(pattern.toLowerCase(Locale.ROOT), action.toLowerCase(Locale.ROOT));
	}

	static boolean resourceMatches(String pattern, String arn) {
		return matches(pattern, arn);
	}

	/** Whether the pattern matches some ARN that starts with the prefix (some object under {@code bucket/}). */
	static boolean mayMatchUnder(String pattern, String prefix) {
		return matches(pattern, prefix, true);
	}

	static boolean matches(String pattern, String text) {
		return matches(pattern, text, false);
	}

	/**
	 * Iterative glob match with back-tracking to the last {@code *}: linear in practice, never exponential. With
	 * {@code prefixOnly}, the text need only be a prefix of a match: whatever pattern is left, some suffix meets it.
	 */
	private static boolean matches(String pattern, String text, boolean prefixOnly) {
		int p = 0;
		int t = 0;
		int star = -1;
		int resume = 0;
		while (t < text.length()) {
			if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
				p++;
				t++;
			}
			else if (p < pattern.length() && pattern.charAt(p) == '*') {
				star = p++;
				resume = t;
			}
			else if (star >= 0) {
				p = star + 1;
				t = ++resume;
			}
			else {
				return false;
			}
		}
		if (prefixOnly) {
			return true;
		}
		while (p < pattern.length() && pattern.charAt(p) == '*') {
			p++;
		}
		return p == pattern.length();
	}

}
