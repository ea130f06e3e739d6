package dev.leakpath.risk;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A finding's score, its level and the factors it is made of, each with its points, as the API shows them:
 * the score is the sum of the points, within 0–100.
 */
public record RiskScore(int score, String level, List<Points> factors) {

	public static final RiskScore NONE = new RiskScore(0, RiskLevel.LOW.id(), List.of());

	/** One factor of a score. */
	public record Points(String factor, String label, int points) {
	}

	public static RiskScore of(Collection<RiskFactor> factors) {
		List<Points> points = factors.stream()
			.sorted()
			.distinct()
			.map(factor -> new Points(factor.id(), factor.label(), factor.points()))
			.toList();
		int score = Math.max(0, Math.min(100, points.stream().mapToInt(Points::points).sum()));
		return new RiskScore(score, RiskLevel.of(score).id(), points);
	}

	/**
	 * As a table keeps it: the stored score and level, with the factors named; that they agree is the model's
	 * promise, which a reader can check by adding the points up.
	 */
	public static RiskScore stored(Integer score, String level, String[] ids) {
		if (score == null) {
			return NONE;
		}
		return new RiskScore(score, level, ofIds(ids).factors());
	}

	/** From the factor names a table stores; a name this version does not know is left out. */
	public static RiskScore ofIds(String[] ids) {
		if (ids == null) {
			return NONE;
		}
		return of(Arrays.stream(ids).map(RiskFactor::byId).flatMap(Optional::stream).toList());
	}

}
