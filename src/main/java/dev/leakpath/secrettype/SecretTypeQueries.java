package dev.leakpath.secrettype;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** The secret types of the stored alerts, for the caller's organisations, with the catalogue's view of each. */
@Component
public class SecretTypeQueries {

	private static final String SEEN = """
			select a.secret_type, a.provider, a.provider_secret_type, min(a.secret_type_display_name) as display_name,
			       count(*) as alerts, count(*) filter (where a.state = 'open') as open_alerts
			from alert a
			""";

	// a condition alone, with no join to add beside it: the unscoped count reads no repository row
	private static final String IN_ORGANIZATIONS = """
			a.repository_id in (select r.id from repository r where r.organization = any(:organizations))""";

	private final DatabaseClient db;

	private final SecretTypeCatalogue catalogue;

	SecretTypeQueries(DatabaseClient db, SecretTypeCatalogue catalogue) {
		this.db = db;
		this.catalogue = catalogue;
	}

	/** @param organizations the organisations seen, or null for all; the most frequent type first */
	public Mono<List<SecretTypeView>> seen(String[] organizations) {
		SqlConditions where = SqlConditions.of().when(organizations, "organizations", IN_ORGANIZATIONS);
		return where.bind(db.sql(SEEN + where.where() + "group by 1, 2, 3"))
			.map(SecretTypeQueries::row)
			.all()
			.collectList()
			.map(this::byType);
	}

	private List<SecretTypeView> byType(List<Row> rows) {
		Map<String, List<Row>> byId = new LinkedHashMap<>();
		rows.forEach(row -> byId.computeIfAbsent(row.id(), id -> new ArrayList<>()).add(row));
		List<SecretTypeView> types = new ArrayList<>();
		byId.forEach((id, named) -> {
			SecretType type = catalogue.byId(id).orElseGet(() -> SecretType.unmapped(id, named.get(0).displayName()));
			List<SecretTypeView.ProviderType> names = named.stream()
				.map(row -> new SecretTypeView.ProviderType(row.provider(), row.providerType(), row.alerts()))
				.sorted(Comparator.comparingLong(SecretTypeView.ProviderType::alerts).reversed())
				.toList();
			types.add(new SecretTypeView(type.id(), type.name(), type.category(), type.target(), type.mapped(),
					named.stream().mapToLong(Row::alerts).sum(), named.stream().mapToLong(Row::openAlerts).sum(), names));
		});
		types.sort(Comparator.comparingLong(SecretTypeView::alerts).reversed().thenComparing(SecretTypeView::id));
		return types;
	}

	private static Row row(Readable row) {
		return new Row(row.get("secret_type", String.class), row.get("provider", String.class),
				row.get("provider_secret_type", String.class), row.get("display_name", String.class),
				row.get("alerts", Long.class), row.get("open_alerts", Long.class));
	}

	private record Row(String id, String provider, String providerType, String displayName, long alerts,
			long openAlerts) {
	}

}
