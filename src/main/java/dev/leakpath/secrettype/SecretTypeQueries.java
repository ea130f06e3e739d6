package dev.leakpath.secrettype;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** The secret types of the stored alerts, for the caller's organisations, with the catalogue's view of each. */
@Component
public class SecretTypeQueries {

	private static final String SEEN = """
			select a.secret_type, a.provider, a.provider_secret_type, min(a.secret_type_display_name) as display_name,
			       count(*) as alerts, count(*) filter (where a.state = 'open') as open_alerts
			from alert a
			%s
			group by 1, 2, 3
			""";

	private static final String IN_ORGANIZATIONS = """
			join repository r on r.id = a.repository_id
			where r.organization = any(:organizations)""";

	private final DatabaseClient db;

	private final SecretTypeCatalogue catalogue;

	SecretTypeQueries(DatabaseClient db, SecretTypeCatalogue catalogue) {
		this.db = db;
		this.catalogue = catalogue;
	}

	/** @param organizations the organisations seen, or null for all; the most frequent type first */
	public Mono<List<SecretTypeView>> seen(String[] organizations) {
		DatabaseClient.GenericExecuteSpec sql = db.sql(SEEN.formatted(organizations == null ? "" : IN_ORGANIZATIONS));
		if (organizations != null) {
			sql = sql.bind("organizations", organizations);
		}
		return sql.map(SecretTypeQueries::row).all().collectList().map(this::byType);
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
