package dev.leakpath.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** A fake GitHub's requests, by what they were for, as a benchmark prints them. */
final class RequestKinds {

	static final String LISTING = "alert listing";

	static final String LOCATIONS = "alert locations";

	static final String FILE = "files around secrets";

	static final String OWNERS = "owners (GraphQL, teams)";

	static final String REPOSITORY = "repository metadata";

	static final String OTHER = "other";

	private final Map<String, Integer> counts;

	private RequestKinds(Map<String, Integer> counts) {
		this.counts = counts;
	}

	static RequestKinds of(List<ServeEvent> events) {
		Map<String, Integer> counts = new TreeMap<>();
		for (ServeEvent event : events) {
			counts.merge(kind(event.getRequest().getUrl()), 1, Integer::sum);
		}
		return new RequestKinds(counts);
	}

	int count(String kind) {
		return counts.getOrDefault(kind, 0);
	}

	void print(long alerts) {
		counts.forEach((kind, count) -> System.out.printf("    %-34s %6d  (%.2f per 1,000 alerts)%n", kind, count,
				count * 1000.0 / alerts));
	}

	private static String kind(String url) {
		String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
		if (path.matches("/orgs/[^/]+/secret-scanning/alerts")) {
			return LISTING;
		}
		if (path.endsWith("/locations")) {
			return LOCATIONS;
		}
		if (path.contains("/git/blobs/")) {
			return FILE;
		}
		if (path.equals("/graphql") || path.endsWith("/teams")) {
			return OWNERS;
		}
		if (path.matches("/repos/[^/]+/[^/]+") || path.matches("/orgs/[^/]+(/repos)?")) {
			return REPOSITORY;
		}
		return OTHER;
	}

}
