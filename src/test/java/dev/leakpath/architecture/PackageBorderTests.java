package dev.leakpath.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package borders STYLE.md section 8 names, and no import cycles between feature packages. */
class PackageBorderTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.leakpath");

	/** What writes the alert table: a statement that inserts, updates or deletes alert rows. */
	private static final Pattern ALERT_WRITE = Pattern
		.compile("(?i)\\binsert\\s+into\\s+alert\\s*\\(|\\bupdate\\s+alert\\s+(\\w+\\s+)?set\\b|\\bdelete\\s+from\\s+alert\\b(?!_)");

	@Test
	void featurePackagesHaveNoImportCycles() {
		slices().matching("dev.leakpath.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void connectorsDoNotKnowEachOther() {
		noClasses().that().resideInAPackage("..ingest.github..").should().dependOnClassesThat()
			.resideInAPackage("..ingest.ado..").check(MAIN);
		noClasses().that().resideInAPackage("..ingest.ado..").should().dependOnClassesThat()
			.resideInAPackage("..ingest.github..").check(MAIN);
	}

	@Test
	void connectorsTalkToTheirProviderOnlyNeverToTheDatabase() {
		noClasses().that().resideInAnyPackage("..ingest.github..", "..ingest.ado..").should().dependOnClassesThat()
			.resideInAnyPackage("org.springframework.r2dbc..", "io.r2dbc..")
			.orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
			.check(MAIN);
	}

	@Test
	void theApiDoesNotReachIntoConnectors() {
		noClasses().that().resideInAPackage("dev.leakpath.api..").should().dependOnClassesThat()
			.resideInAnyPackage("dev.leakpath.ingest.*..").check(MAIN);
	}

	@Test
	void theNeutralModelDependsOnNoFeature() {
		noClasses().that().resideInAPackage("dev.leakpath.model..").should().dependOnClassesThat()
			.resideInAnyPackage("dev.leakpath.ingest..", "dev.leakpath.webhook..", "dev.leakpath.alert..",
					"dev.leakpath.repository..", "dev.leakpath.api..")
			.check(MAIN);
	}

	@Test
	void onlyTheAlertPackageWritesTheAlertTable() throws IOException {
		Path main = Path.of("src/main/java/dev/leakpath");
		try (Stream<Path> files = Files.walk(main)) {
			List<String> writers = files.filter(file -> file.toString().endsWith(".java"))
				.filter(file -> !main.relativize(file).startsWith("alert"))
				.filter(PackageBorderTests::writesAlerts)
				.map(main::relativize)
				.map(Path::toString)
				.toList();
			assertThat(writers).as("classes outside dev.leakpath.alert that write the alert table").isEmpty();
		}
	}

	private static boolean writesAlerts(Path file) {
		try {
			return ALERT_WRITE.matcher(Files.readString(file)).find();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
