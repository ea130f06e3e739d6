package dev.leakpath.notify;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Rules added through the API. Names are unique across config and API rules; a config rule cannot be changed
 * here.
 */
@Component
public class NotificationRuleStore {

	private final DatabaseClient db;

	private final NotificationRules rules;

	private final ObjectMapper json;

	NotificationRuleStore(DatabaseClient db, NotificationRules rules, ObjectMapper json) {
		this.db = db;
		this.rules = rules;
		this.json = json;
	}

	/** Config rules first, then API rules by name. */
	public Mono<List<StoredRule>> all() {
		return stored().map(fromApi -> {
			List<StoredRule> all = new ArrayList<>();
			rules.configured().forEach(rule -> all.add(new StoredRule(rule, "config")));
			fromApi.forEach(rule -> all.add(new StoredRule(rule, "api")));
			return all;
		});
	}

	/** What rules are evaluated against each event. */
	Mono<List<NotificationRule>> evaluated() {
		return stored().map(fromApi -> {
			List<NotificationRule> all = new ArrayList<>(rules.configured());
			all.addAll(fromApi);
			return all;
		});
	}

	/**
	 * Adds a rule. Fails with {@link IllegalArgumentException} when the rule is wrong (the message says why),
	 * and with {@link IllegalStateException} when its name is taken.
	 */
	public Mono<NotificationRule> add(NotificationRule rule) {
		return Mono.defer(() -> {
			rules.check(rule);
			if (rules.configured().stream().anyMatch(configured -> configured.name().equals(rule.name()))) {
				return Mono.error(new IllegalStateException("a rule named '" + rule.name() + "' is in config"));
			}
			return db.sql("insert into notification_rule (name, definition) values (:name, :definition)")
				.bind("name", rule.name())
				.bind("definition", Json.of(write(rule)))
				.then()
				.onErrorMap(DuplicateKeyException.class,
						ex -> new IllegalStateException("a rule named '" + rule.name() + "' exists"))
				.thenReturn(rule);
		});
	}

	/** Whether an API rule of that name was there to delete. */
	public Mono<Boolean> delete(String name) {
		return db.sql("delete from notification_rule where name = :name").bind("name", name).fetch().rowsUpdated()
			.map(deleted -> deleted > 0);
	}

	public boolean isConfigured(String name) {
		return rules.configured().stream().anyMatch(rule -> rule.name().equals(name));
	}

	private Mono<List<NotificationRule>> stored() {
		return db.sql("select definition from notification_rule order by name")
			.map(row -> read(row.get("definition", Json.class).asString()))
			.all()
			.collectList();
	}

	private String write(NotificationRule rule) {
		try {
			return json.writeValueAsString(rule);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private NotificationRule read(String definition) {
		try {
			return json.readValue(definition, NotificationRule.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a stored notification rule is not readable", ex);
		}
	}

	/** @param source {@code config} or {@code api} */
	public record StoredRule(NotificationRule rule, String source) {
	}

}
