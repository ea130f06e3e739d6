package dev.leakpath.risk;

import java.util.Locale;

/** The one set of cut-offs: a score of 75 and over is critical, 50 high, 25 medium, below that low. */
public enum RiskLevel {

	CRITICAL(75), HIGH(50), MEDIUM(25), LOW(0);

	private final int from;

	RiskLevel(int from) {
		this.from = from;
	}

	public int from() {
		return from;
	}

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static RiskLevel of(int score) {
		for (RiskLevel level : values()) {
			if (score >= level.from) {
				return level;
			}
		}
		return LOW;
	}

}
