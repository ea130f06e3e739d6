package dev.leakpath.explorer;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;
import io.swagger.v3.oas.annotations.media.Schema;
import reactor.core.publisher.Mono;

import org.springframework.lang.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/** Explorer queries kept by name. A query is checked before it is kept. */
@Component
public class SavedQueries {

	static final int MAX_NAME = 200;

	static final int MAX_DESCRIPTION = 2_000;

	private static final String COLUMNS = "id, name, description, cast(query as text) as query, created_at";

	private final DatabaseClient db;

	private final ObjectMapper mapper;

	SavedQueries(DatabaseClient db, ObjectMapper mapper) {
		this.db = db;
		this.mapper = mapper;
	}

	/**
	 * Fails with {@link InvalidExplorerQueryException} for a bad query or name, and with Spring's
	 * {@code DuplicateKeyException} when the name is taken.
	 */
	public Mono<SavedQuery> save(String name, String description, JsonNode query) {
		return Mono.defer(() -> {
			if (name == null || name.isBlank() || name.length() > MAX_NAME) {
				return Mono.error(new InvalidExplorerQueryException("name must be 1 to " + MAX_NAME + " characters"));
			}
			if (description != null && description.length() > MAX_DESCRIPTION) {
				return Mono.error(new InvalidExplorerQueryException(
						"description must be at most " + MAX_DESCRIPTION + " characters"));
			}
			ExplorerQueryParser.parse(query);
			return db.sql("insert into explorer_saved_query (name, description, query) values (:name, :description, "
					+ "cast(:query as jsonb)) returning " + COLUMNS)
				.bind("name", name.strip())
				.bind("description", Parameter.fromOrEmpty(description, String.class))
				.bind("query", query.toString())
				.map(this::saved)
				.one();
		});
	}

	public Mono<List<SavedQuery>> all() {
		return db.sql("select " + COLUMNS + " from explorer_saved_query order by name").map(this::saved).all().collectList();
	}

	public Mono<SavedQuery> byId(long id) {
		return db.sql("select " + COLUMNS + " from explorer_saved_query where id = :id").bind("id", id).map(this::saved).one();
	}

	/** Whether there was such a query. */
	public Mono<Boolean> delete(long id) {
		return db.sql("delete from explorer_saved_query where id = :id").bind("id", id).fetch().rowsUpdated()
			.map(deleted -> deleted > 0);
	}

	private SavedQuery saved(Readable row) {
		try {
			return new SavedQuery(row.get("id", Long.class), row.get("name", String.class),
					row.get("description", String.class), mapper.readTree(row.get("query", String.class)),
					row.get("created_at", Instant.class));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("saved query " + row.get("id", Long.class) + " is not JSON", ex);
		}
	}

	public record SavedQuery(long id, String name, @Nullable String description,
			@Schema(ref = ExplorerSchemas.QUERY_REF) JsonNode query, Instant createdAt) {
	}

}
