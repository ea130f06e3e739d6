package dev.leakpath.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classpath in a JVM of its own and returns what it printed. Under
 * {@code exec:java} the classpath is the class loader's, not {@code java.class.path} (Maven's own).
 */
final class ChildJvm {

	private ChildJvm() {
	}

	/** The lines the child printed; fails if it did not exit with 0 within {@code timeout}. */
	static List<String> run(Class<?> main, List<String> jvmOptions, List<String> arguments, Duration timeout)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classpath(), main.getName()));
		command.addAll(arguments);
		Path output = Files.createTempFile("leakpath-child-", ".out");
		Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(main.getSimpleName() + " " + arguments + " still running after " + timeout);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(main.getSimpleName() + " " + arguments + " exited with " + process.exitValue());
			}
			return Files.readAllLines(output);
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(output);
		}
	}

	private static String classpath() {
		// the first URL class loader only: its parents may be Maven's own
		Set<String> entries = new LinkedHashSet<>();
		for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null && entries.isEmpty();
				loader = loader.getParent()) {
			if (loader instanceof URLClassLoader urls) {
				for (URL url : urls.getURLs()) {
					entries.add(path(url));
				}
			}
		}
		return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
	}

	private static String path(URL url) {
		try {
			return Paths.get(url.toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(url.toString(), ex);
		}
	}

}
