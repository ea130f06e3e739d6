package dev.leakpath.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakpath.model.AlertDetails;

import org.springframework.stereotype.Component;

/** {@link AlertDetails} as the {@code alert.details} column holds them: JSON without its null fields. */
@Component
class AlertDetailsJson {

	private final ObjectMapper mapper;

	AlertDetailsJson(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	String write(AlertDetails details) {
		try {
			return mapper.writeValueAsString(details);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Alert details could not be written as JSON", ex);
		}
	}

	AlertDetails read(String json) {
		if (json == null || json.isBlank()) {
			return AlertDetails.NONE;
		}
		try {
			return mapper.readValue(json, AlertDetails.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored alert details are not readable JSON", ex);
		}
	}

}
