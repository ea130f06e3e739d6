package dev.leakpath.risk;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The factor table written as SQL, so that stored scores and the API's listed factors come from the same
 * points. Each factor is a boolean column named after it ({@code public_repository}, {@code still_valid}, …)
 * of the row the expressions are evaluated over; {@code exposed_secret} holds for every open finding.
 */
public final class RiskSql {

	private RiskSql() {
	}

	/** The row's factors as a {@code text[]} of their names, in table order. */
	public static String factors() {
		return Arrays.stream(RiskFactor.values())
			.map(factor -> factor == RiskFactor.EXPOSED_SECRET ? "'" + factor.id() + "'"
					: "case when " + factor.id() + " then '" + factor.id() + "' end")
			.collect(Collectors.joining(", ", "array_remove(array[", "], null)"));
	}

	/**
	 * Whether the secret (alias {@code secret}) is a privileged cloud identity's credential: its identity is
	 * privileged, or it is a cloud identity's credential whose identity or permissions leakpath does not know
	 * (unknown counts as privileged: the risk fails closed). A credential of an identity known to hold less than
	 * administrator rights is not.
	 */
	public static String privilegedIdentity(String secret) {
		return ("(coalesce({s}.target_kind = 'cloud_identity', false) and not exists ("
				+ "select 1 from secret_identity si join identity i on i.id = si.identity_id "
				+ "where si.secret_id = {s}.id and i.policy_known and not i.privileged))").replace("{s}", secret);
	}

	/** The row's score: the sum of its factors' points, within 0–100. */
	public static String score() {
		return Arrays.stream(RiskFactor.values())
			.map(factor -> factor == RiskFactor.EXPOSED_SECRET ? String.valueOf(factor.points())
					: "case when " + factor.id() + " then " + factor.points() + " else 0 end")
			.collect(Collectors.joining(" + ", "least(100, greatest(0, ", "))"));
	}

	/** The level of a score expression. */
	public static String level(String score) {
		StringBuilder sql = new StringBuilder("case");
		for (RiskLevel level : RiskLevel.values()) {
			if (level != RiskLevel.LOW) {
				sql.append(" when ").append(score).append(" >= ").append(level.from()).append(" then '")
					.append(level.id()).append('\'');
			}
		}
		return sql.append(" else '").append(RiskLevel.LOW.id()).append("' end").toString();
	}

}
