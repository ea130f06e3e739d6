package dev.leakpath.identity.aws;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The buckets of an account an IAM user may reach at all, found without evaluating it against every bucket: a
 * superset of those {@link S3BucketAccess} would say it {@link S3BucketAccess#reaches}, so that evaluating only
 * these gives the same answer as evaluating all. A bucket is a candidate when
 * <ul>
 * <li>an Allow of the user's policies may name one of {@link S3BucketAccess}'s actions on it: by {@code Resource}
 * (its pattern's literal start, up to the first wildcard, names the bucket or the start of its name; variables
 * count as wildcards, {@code ${aws:username}} filled in as {@link IamEvaluation} does), or by
 * {@code NotResource} (every bucket);</li>
 * <li>an Allow of the bucket's policy names the user, everyone, or a pattern matching the user (an Allow to
 * the account only delegates: it reaches nobody by itself);</li>
 * <li>or its policy could not be read (every user's reach to it is assumed).</li>
 * </ul>
 * A Deny never makes a candidate: it can only take reach away.
 */
public final class S3BucketCandidates {

	private static final String S3_ARN = "arn:aws:s3:::";

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

	private final int buckets;

	/** Bucket name to the indexes of the buckets of that name (one, unless the list repeats it). */
	private final NavigableMap<String, List<Integer>> byName = new TreeMap<>();

	private final BitSet unreadable = new BitSet();

	/** A principal spelled out (no wildcard) in a bucket policy's Allow, to the buckets of those policies. */
	private final Map<String, BitSet> byPrincipal = new HashMap<>();

	/** Principals with wildcards (and {@code *}) in a bucket policy's Allow, and the bucket of each. */
	private final List<String> patternPrincipals = new ArrayList<>();

	private final List<Integer> patternBuckets = new ArrayList<>();

	/**
	 * @param names the buckets' names, in the order of {@code policies}
	 * @param policies each bucket's policies (empty when it has none), or null when they could not be read
	 */
	public S3BucketCandidates(List<String> names, List<List<IamPolicyDocument>> policies) {
		buckets = names.size();
		for (int bucket = 0; bucket < buckets; bucket++) {
			byName.computeIfAbsent(names.get(bucket), name -> new ArrayList<>()).add(bucket);
			List<IamPolicyDocument> bucketPolicies = policies.get(bucket);
			if (bucketPolicies == null) {
				unreadable.set(bucket);
				continue;
			}
			for (IamPolicyDocument policy : bucketPolicies) {
				for (IamStatement statement : policy.statements()) {
					if (!statement.allow()) {
						continue;
					}
					for (String principal : statement.principals()) {
						if (principal.indexOf('*') >= 0 || principal.indexOf('?') >= 0) {
							patternPrincipals.add(principal);
							patternBuckets.add(bucket);
						}
						else {
							byPrincipal.computeIfAbsent(principal, key -> new BitSet()).set(bucket);
						}
					}
				}
			}
		}
	}

	/** The indexes of the buckets the user may reach; the others it surely does not. */
	public BitSet candidates(IamCaller caller, List<IamPolicyDocument> identityPolicies) {
		BitSet candidates = (BitSet) unreadable.clone();
		BitSet named = byPrincipal.get(caller.arn());
		if (named != null) {
			candidates.or(named);
		}
		for (int i = 0; i < patternPrincipals.size(); i++) {
			String principal = patternPrincipals.get(i);
			if (principal.equals("*") || IamPatterns.resourceMatches(principal, caller.arn())) {
				candidates.set(patternBuckets.get(i));
			}
		}
		for (IamPolicyDocument policy : identityPolicies) {
			for (IamStatement statement : policy.statements()) {
				if (candidates.cardinality() == buckets) {
					return candidates;
				}
				if (statement.allow() && mayNameBucketAction(statement)) {
					addResources(statement, caller, candidates);
				}
			}
		}
		return candidates;
	}

	private static boolean mayNameBucketAction(IamStatement statement) {
		if (statement.notAction()) {
			return true;
		}
		return statement.actions().stream().anyMatch(pattern -> S3BucketAccess.ACTIONS.stream()
			.anyMatch(action -> IamPatterns.actionMatches(pattern, action)));
	}

	private void addResources(IamStatement statement, IamCaller caller, BitSet candidates) {
		if (statement.notResource()) {
			candidates.set(0, buckets);
			return;
		}
		// an identity policy's statement without Resource applies to nothing (IamEvaluation)
		for (String pattern : statement.resources()) {
			String literal = literalStart(glob(pattern, caller));
			if (literal.length() < S3_ARN.length()) {
				if (S3_ARN.startsWith(literal)) {
					candidates.set(0, buckets);
					return;
				}
				continue;
			}
			if (!literal.startsWith(S3_ARN)) {
				continue;
			}
			String name = literal.substring(S3_ARN.length());
			int slash = name.indexOf('/');
			if (slash >= 0) {
				// a bucket's name has no '/': the one named before it
				add(byName.get(name.substring(0, slash)), candidates);
			}
			else {
				for (Map.Entry<String, List<Integer>> entry : byName.tailMap(name, true).entrySet()) {
					if (!entry.getKey().startsWith(name)) {
						break;
					}
					add(entry.getValue(), candidates);
				}
			}
		}
	}

	private static void add(List<Integer> indexes, BitSet candidates) {
		if (indexes != null) {
			indexes.forEach(candidates::set);
		}
	}

	/** The pattern as IamEvaluation matches it: {@code ${aws:username}} filled in, other variables wildcards. */
	private static String glob(String pattern, IamCaller caller) {
		String filled = pattern.replace("${aws:username}", caller.userName() == null ? "*" : caller.userName());
		if (!filled.contains("${")) {
			return filled;
		}
		Matcher variables = VARIABLE.matcher(filled);
		return variables.find() ? variables.replaceAll("*") : filled;
	}

	/** What an ARN must start with to match: the pattern up to its first wildcard. */
	private static String literalStart(String glob) {
		for (int i = 0; i < glob.length(); i++) {
			char c = glob.charAt(i);
			if (c == '*' || c == '?') {
				return glob.substring(0, i);
			}
		}
		return glob;
	}

}
