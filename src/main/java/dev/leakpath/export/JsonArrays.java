package dev.leakpath.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;

/** A stream of objects as one JSON array, written in chunks as the objects arrive. */
public final class JsonArrays {

	private static final int ITEMS_PER_CHUNK = 100;

	private JsonArrays() {
	}

	public static Flux<String> write(ObjectMapper json, Flux<?> items) {
		return Flux.concat(Flux.just("["), elements(json, items), Flux.just("]"));
	}

	/** The array's elements, comma-separated, without the brackets. */
	static Flux<String> elements(ObjectMapper json, Flux<?> items) {
		return items.index()
			.map(indexed -> (indexed.getT1() == 0 ? "" : ",") + toJson(json, indexed.getT2()))
			.buffer(ITEMS_PER_CHUNK)
			.map(chunk -> String.join("", chunk));
	}

	static String toJson(ObjectMapper json, Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write an export item as JSON", ex);
		}
	}

}
