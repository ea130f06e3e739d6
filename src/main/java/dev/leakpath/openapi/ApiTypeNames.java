package dev.leakpath.openapi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.swagger.v3.core.jackson.TypeNameResolver;

/**
 * Names the document's schemas. A record nested in another record is named after it too ({@code AlertView.Secret}
 * is {@code AlertViewSecret}, {@code AttackPathView.Secret} is {@code AttackPathViewSecret}): by their simple
 * names alone both would be {@code Secret}, and the second would silently take the first one's schema. A type
 * nested in a controller or a service keeps its own name. Two types that would still share a name fail the
 * document instead.
 */
final class ApiTypeNames extends TypeNameResolver {

	private final Map<String, Class<?>> named = new ConcurrentHashMap<>();

	@Override
	protected String getNameOfClass(Class<?> type) {
		StringBuilder name = new StringBuilder(type.getSimpleName());
		for (Class<?> outer = type.getEnclosingClass(); outer != null && outer.isRecord();
				outer = outer.getEnclosingClass()) {
			name.insert(0, outer.getSimpleName());
		}
		Class<?> earlier = named.putIfAbsent(name.toString(), type);
		if (earlier != null && earlier != type) {
			throw new IllegalStateException("Two API types would share the schema name " + name + ": "
					+ earlier.getName() + " and " + type.getName() + "; give one of them a @Schema(name = ...)");
		}
		return name.toString();
	}

}
