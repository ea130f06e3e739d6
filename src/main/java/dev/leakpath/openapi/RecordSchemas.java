package dev.leakpath.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;

import org.springframework.lang.Nullable;

/**
 * Says of each property of leakpath's records what the JSON holds: a component marked {@link Nullable} may be
 * {@code null} (its schema takes the {@code null} type too), every other one is always there and never null
 * ({@code required}). A record or component written with {@link JsonInclude} {@code NON_NULL} leaves out what is
 * null: its properties are neither required nor nullable.
 */
final class RecordSchemas implements ModelConverter {

	private static final String REF_PREFIX = "#/components/schemas/";

	@Override
	@SuppressWarnings("rawtypes")
	public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
		if (!chain.hasNext()) {
			return null;
		}
		Schema resolved = chain.next().resolve(type, context, chain);
		Class<?> raw = type.getType() == null ? null : Json31.mapper().constructType(type.getType()).getRawClass();
		if (resolved == null || raw == null || !raw.isRecord() || !raw.getPackageName().startsWith("dev.leakpath")) {
			return resolved;
		}
		Schema model = resolved.get$ref() == null ? resolved
				: context.getDefinedModels().get(resolved.get$ref().substring(REF_PREFIX.length()));
		if (model != null && model.getProperties() != null) {
			Set<String> required = new LinkedHashSet<>();
			describe(raw, omitsNulls(raw.getAnnotation(JsonInclude.class)), model, required);
			model.setRequired(required.isEmpty() ? null : new ArrayList<>(required));
		}
		return resolved;
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void describe(Class<?> record, boolean omitsNulls, Schema model, Set<String> required) {
		for (RecordComponent component : record.getRecordComponents()) {
			if (annotation(component, JsonUnwrapped.class) != null && component.getType().isRecord()) {
				describe(component.getType(), omitsNulls(component.getType().getAnnotation(JsonInclude.class)), model,
						required);
				continue;
			}
			String name = name(component);
			Schema property = (Schema) model.getProperties().get(name);
			if (property == null) {
				continue;
			}
			if (property.get$ref() != null) {
				// a reference stands alone: what the Java type added beside it (a map's object type) would contradict it
				property.setTypes(null);
				property.setAdditionalProperties(null);
			}
			if (omitsNulls || omitsNulls(annotation(component, JsonInclude.class))) {
				continue;
			}
			if (annotation(component, Nullable.class) != null) {
				model.getProperties().put(name, orNull(property));
			}
			else {
				required.add(name);
			}
		}
	}

	/** The schema, or null: a reference or composition is wrapped, a typed schema takes the null type. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema orNull(Schema property) {
		if (property.get$ref() != null || property.getTypes() == null) {
			Schema nullable = new JsonSchema().anyOf(List.of(property, new JsonSchema().typesItem("null")));
			// the model's properties are keyed by their schemas' names where the record is unwrapped into another
			nullable.setName(property.getName());
			nullable.setDescription(property.getDescription());
			property.setDescription(null);
			return nullable;
		}
		property.addType("null");
		if (property.getEnum() != null && !property.getEnum().contains(null)) {
			List<Object> values = new ArrayList<>(property.getEnum());
			values.add(null);
			property.setEnum(values);
		}
		return property;
	}

	private static boolean omitsNulls(JsonInclude include) {
		return include != null && include.value() != JsonInclude.Include.ALWAYS
				&& include.value() != JsonInclude.Include.USE_DEFAULTS;
	}

	private static String name(RecordComponent component) {
		JsonProperty property = annotation(component, JsonProperty.class);
		return property == null || property.value().isEmpty() ? component.getName() : property.value();
	}

	/** Annotations written on a component land on its field or accessor unless they may target components. */
	private static <A extends Annotation> A annotation(RecordComponent component, Class<A> type) {
		A found = component.getAnnotation(type);
		if (found == null) {
			found = component.getAccessor().getAnnotation(type);
		}
		if (found == null) {
			try {
				found = component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotation(type);
			}
			catch (NoSuchFieldException ex) {
				// every component has its field
			}
		}
		return found;
	}

}
