package dev.leakpath.explorer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.RowMetadata;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.explorer.ExplorerQuery.Connection;
import dev.leakpath.explorer.ExplorerQuery.Node;
import dev.leakpath.graph.GraphEdge;
import dev.leakpath.graph.GraphNode;

import org.springframework.dao.DataAccessException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Runs explorer queries: the source nodes first, then, level by level, the connected nodes of the nodes found,
 * in a read-only transaction with a statement timeout so that no query can hold the database for long.
 */
@Service
public class Explorer {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** Connected nodes shown per node and connection. */
	static final int CONNECTIONS_PER_NODE = 10;

	private static final String QUERY_CANCELED = "57014";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	Explorer(DatabaseClient db, TransactionalOperator transaction) {
		this.db = db;
		this.transaction = transaction;
	}

	public Mono<ExplorerResult> run(JsonNode json) {
		return Mono.defer(() -> {
			ExplorerQuery query = ExplorerQueryParser.parse(json);
			Mono<ExplorerResult> run = db.sql("set transaction read only")
				.then()
				.then(db.sql("set local statement_timeout = " + TIMEOUT.toMillis()).then())
				.then(search(query));
			return transaction.transactional(run).onErrorMap(Explorer::timedOut, ex -> new InvalidExplorerQueryException(
					"the query ran longer than " + TIMEOUT.toSeconds() + " s; narrow it with types or conditions"));
		});
	}

	private Mono<ExplorerResult> search(ExplorerQuery query) {
		Node source = query.source();
		return nodes(new ExplorerSql(), sql -> sql.sources(source, query.limit()), source.family()).collectList().flatMap(found -> {
			boolean more = found.size() > query.limit();
			List<Row> items = more ? found.subList(0, query.limit()) : found;
			Graph graph = new Graph();
			return expand(source, items, graph).then(Mono.fromSupplier(() -> new ExplorerResult(
					items.stream().map(Row::node).toList(), List.copyOf(graph.nodes.values()),
					List.copyOf(graph.edges), more, graph.moreConnections)));
		});
	}

	private Mono<Void> expand(Node near, List<Row> nearRows, Graph graph) {
		if (nearRows.isEmpty()) {
			return Mono.empty();
		}
		List<Object> distinctKeys = nearRows.stream().map(Row::key).distinct().toList();
		// the driver needs the array's element type to encode it
		Object[] keys = near.family().keyType().equals("bigint") ? distinctKeys.toArray(Long[]::new)
				: distinctKeys.toArray(String[]::new);
		return Flux.fromIterable(near.connections())
			.concatMap(connection -> nodes(new ExplorerSql(),
					sql -> sql.connected(near.family(), connection, keys, CONNECTIONS_PER_NODE),
					connection.target().family())
				.collectList()
				.flatMap(rows -> expand(connection.target(), graph.add(connection, rows), graph)))
			.then();
	}

	private Flux<Row> nodes(ExplorerSql sql, Function<ExplorerSql, String> statement, NodeFamily family) {
		String text = statement.apply(sql);
		DatabaseClient.GenericExecuteSpec spec = db.sql(text);
		for (Map.Entry<String, Object> parameter : sql.parameters().entrySet()) {
			spec = spec.bind(parameter.getKey(), parameter.getValue());
		}
		return spec.map((row, metadata) -> row(row, metadata, family)).all();
	}

	private static Row row(Readable row, RowMetadata metadata, NodeFamily family) {
		Map<String, Object> properties = new LinkedHashMap<>();
		String nearNode = null;
		for (var column : metadata.getColumnMetadatas()) {
			String name = column.getName();
			if (name.startsWith("p_")) {
				properties.put(name.substring(2), row.get(name));
			}
			else if (name.equals("near_node_id")) {
				nearNode = row.get(name, String.class);
			}
		}
		return new Row(new GraphNode(row.get("node_id", String.class), family.wireName(), row.get("node_type", String.class), row.get("node_label", String.class),
				properties), row.get("node_key"), nearNode);
	}

	private static boolean timedOut(Throwable ex) {
		Throwable cause = ex instanceof DataAccessException ? ex.getCause() : ex;
		return cause instanceof R2dbcException r2dbc && QUERY_CANCELED.equals(r2dbc.getSqlState());
	}

	private record Row(GraphNode node, Object key, String nearNode) {
	}

	/** The connected part of the result, built up level by level. */
	private static final class Graph {

		private final Map<String, GraphNode> nodes = new LinkedHashMap<>();

		private final Set<GraphEdge> edges = new LinkedHashSet<>();

		private boolean moreConnections;

		/** Adds the far nodes and their edges; returns the far rows to expand further, at most the shown ones. */
		List<Row> add(Connection connection, List<Row> rows) {
			Map<String, Integer> perNear = new LinkedHashMap<>();
			List<Row> shown = new ArrayList<>();
			for (Row row : rows) {
				if (perNear.merge(row.nearNode(), 1, Integer::sum) > CONNECTIONS_PER_NODE) {
					moreConnections = true;
					continue;
				}
				shown.add(row);
				nodes.putIfAbsent(row.node().id(), row.node());
				GraphConnection via = connection.via();
				edges.add(via.outgoing() ? new GraphEdge(row.nearNode(), row.node().id(), via.edge())
						: new GraphEdge(row.node().id(), row.nearNode(), via.edge()));
			}
			return shown;
		}

	}

}
