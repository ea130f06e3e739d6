package dev.leakpath.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The where clause of an {@link AlertFilter} over {@code alert a} and {@code repository r}, with only the
 * conditions given, so each filter combination gets a plan of its own.
 */
final class AlertConditions {

	private final List<String> conditions = new ArrayList<>();

	private final Map<String, Object> values = new LinkedHashMap<>();

	private AlertConditions() {
	}

	static AlertConditions of(AlertFilter filter) {
		AlertConditions where = new AlertConditions();
		where.equal("a.provider", "provider", filter.provider());
		where.equal("r.organization", "organization", filter.organization());
		where.equal("r.full_name", "repository", filter.repository());
		where.equal("a.state", "state", filter.state());
		where.equal("a.secret_type", "secretType", filter.secretType());
		where.equal("a.validity", "validity", filter.validity());
		if (filter.organizations() != null) {
			where.conditions.add("r.organization = any(:organizations)");
			where.values.put("organizations", filter.organizations());
		}
		if (filter.beforeId() != null) {
			where.conditions.add("a.id < :beforeId");
			where.values.put("beforeId", filter.beforeId());
		}
		return where;
	}

	/** {@code where ...} and a new line, or nothing. */
	String clause() {
		return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions) + "\n";
	}

	DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
		for (Map.Entry<String, Object> value : values.entrySet()) {
			spec = spec.bind(value.getKey(), value.getValue());
		}
		return spec;
	}

	private void equal(String column, String name, String value) {
		if (value != null) {
			conditions.add(column + " = :" + name);
			values.put(name, value);
		}
	}

}
