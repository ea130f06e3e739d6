package dev.leakpath.api;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * The detail of a problem answer to one of Spring's own 4xx failures, in the API's terms: the media types, the
 * methods, the parameter or JSON field. Spring's reasons name Java types (a 415 says
 * {@code bodyType=java.util.List<dev.leakpath.asset.AssetInput>}), which tell a caller nothing it can act on and
 * show the inside of the service.
 */
final class FrameworkProblems {

	/** A qualified Java name, such as {@code java.util.List} or {@code dev.leakpath.asset.AssetInput}. */
	private static final Pattern JAVA_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.[A-Z]\\w*");

	private FrameworkProblems() {
	}

	static String detail(ResponseStatusException failure) {
		if (failure instanceof UnsupportedMediaTypeStatusException unsupported) {
			MediaType sent = unsupported.getContentType();
			String send = unsupported.getSupportedMediaTypes().isEmpty() ? ""
					: "; send " + mediaTypes(unsupported.getSupportedMediaTypes());
			return (sent == null ? "the Content-Type header is missing or not a media type"
					: "Content-Type " + sent.getType() + "/" + sent.getSubtype() + " is not supported here") + send;
		}
		if (failure instanceof NotAcceptableStatusException notAcceptable) {
			return "this call answers only " + mediaTypes(notAcceptable.getSupportedMediaTypes())
					+ "; ask for one of them in the Accept header, or send none";
		}
		if (failure instanceof MethodNotAllowedException notAllowed) {
			return "method " + notAllowed.getHttpMethod() + " is not allowed here; allowed: "
					+ notAllowed.getSupportedMethods().stream().map(HttpMethod::name).sorted()
						.collect(Collectors.joining(", "));
		}
		if (failure instanceof ServerWebInputException input && !(failure instanceof MissingRequestValueException)) {
			return input(input);
		}
		return withoutJavaNames(failure.getReason());
	}

	/** The failure's own headers ({@code Allow}, {@code Accept}), each media type named once. */
	static HttpHeaders headers(ResponseStatusException failure) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(failure.getHeaders());
		if (failure instanceof UnsupportedMediaTypeStatusException unsupported
				&& !unsupported.getSupportedMediaTypes().isEmpty()) {
			headers.setAccept(distinct(unsupported.getSupportedMediaTypes()));
		}
		return headers;
	}

	private static String input(ServerWebInputException failure) {
		JsonProcessingException json = ExceptionCauses.find(failure, JsonProcessingException.class);
		if (json != null) {
			return JsonBodyProblems.detail(json);
		}
		TypeMismatchException mismatch = ExceptionCauses.find(failure, TypeMismatchException.class);
		if (mismatch != null && failure.getMethodParameter() != null) {
			return parameter(failure.getMethodParameter()) + " must be " + kind(mismatch.getRequiredType());
		}
		if ("No request body".equals(failure.getReason())) {
			return "the request needs a body";
		}
		return withoutJavaNames(failure.getReason());
	}

	private static String parameter(MethodParameter parameter) {
		PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
		if (path != null) {
			return "path parameter '" + (path.name().isEmpty() ? parameter.getParameterName() : path.name()) + "'";
		}
		RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
		return "parameter '" + (query != null && !query.name().isEmpty() ? query.name() : parameter.getParameterName())
				+ "'";
	}

	/** The path parameters are ids, which are numbers. */
	private static String kind(Class<?> type) {
		boolean whole = type == long.class || type == int.class || type == Long.class || type == Integer.class;
		return whole ? "a whole number" : "of the expected form";
	}

	private static String mediaTypes(List<MediaType> types) {
		return distinct(types).stream().map(MediaType::toString).collect(Collectors.joining(", "));
	}

	/** Spring lists a type once per reader or writer that takes it; without their parameters. */
	private static List<MediaType> distinct(List<MediaType> types) {
		return types.stream().map(type -> new MediaType(type.getType(), type.getSubtype())).distinct().toList();
	}

	/** A reason of a failure not handled above, unless it names a Java type: then what its status means. */
	private static String withoutJavaNames(String reason) {
		if (reason == null || JAVA_NAME.matcher(reason).find()) {
			return "the request cannot be handled as sent";
		}
		return reason;
	}

}
