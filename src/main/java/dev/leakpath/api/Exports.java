package dev.leakpath.api;

import reactor.core.publisher.Flux;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A streamed download. */
final class Exports {

	private Exports() {
	}

	static ResponseEntity<Flux<String>> attachment(String filename, MediaType type, Flux<String> body) {
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(body);
	}

}
