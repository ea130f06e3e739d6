package dev.leakpath.asset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AssetFilesTests extends IntegrationTest {

	private static final Path DIRECTORY = Path.of("target/test-assets");

	private static final AtomicLong CLOCK = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());

	@Autowired
	private AssetFiles files;

	@BeforeEach
	void emptyDirectory() throws IOException {
		deleteFiles();
		files.scan().block();
	}

	/** Other test contexts read the same directory when they start: leave nothing behind for them. */
	@AfterEach
	void deleteFiles() throws IOException {
		Files.createDirectories(DIRECTORY);
		try (Stream<Path> existing = Files.list(DIRECTORY)) {
			for (Path file : existing.toList()) {
				Files.delete(file);
			}
		}
	}

	@Test
	void scanWhenFilesAppearChangeAndGoThenTheInventoryFollows() throws IOException {
		write("azure.yaml", """
				assets:
				  - cloud: azure
				    resourceType: Microsoft.Storage/storageAccounts
				    providerId: /subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1
				    name: st1
				    hosts: [st1.blob.core.windows.net]
				    internetExposed: true
				  - cloud: azure
				    resourceType: Microsoft.Sql/servers
				    providerId: /subscriptions/s1/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1
				    name: sql1
				""");
		write("aws.json", """
				[{"cloud": "aws", "resourceType": "AWS::S3::Bucket", "providerId": "arn:aws:s3:::logs-bucket",
				  "name": "logs-bucket", "accountId": "609629065308"}]
				""");

		assertThat(files.scan().block()).isEqualTo(2);
		assertThat(postgres.rows("select name, source from asset order by name"))
			.containsExactly("logs-bucket|file:aws.json", "sql1|file:azure.yaml", "st1|file:azure.yaml");
		assertThat(files.scan().block()).isZero();

		write("azure.yaml", """
				- cloud: azure
				  resourceType: Microsoft.Storage/storageAccounts
				  providerId: /subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1
				  name: st1
				""");
		files.scan().block();
		assertThat(postgres.rows("select name from asset order by name")).containsExactly("logs-bucket", "st1");

		Files.delete(DIRECTORY.resolve("aws.json"));
		files.scan().block();
		assertThat(postgres.rows("select name from asset")).containsExactly("st1");
	}

	@Test
	void scanWhenAFileIsInvalidThenNothingOfItIsStoredAndTheReasonLogged(CapturedOutput output) throws IOException {
		write("broken.json", """
				[{"cloud": "azure", "resourceType": "Microsoft.Sql/servers", "providerId": "/s/sql2", "name": "sql2"},
				 {"cloud": "mars", "resourceType": "x", "providerId": "/s/x", "name": "x"}]
				""");
		write("notalist.yaml", "cloud: azure\n");

		assertThat(files.scan().block()).isZero();

		assertThat(postgres.count("select count(*) from asset")).isZero();
		assertThat(output).contains("Inventory file broken.json was not loaded")
			.contains("index=1, field=cloud")
			.contains("Inventory file notalist.yaml was not loaded");
	}

	@Test
	void scanWhenStoringAFileFailsThenTheNextScanLoadsIt(CapturedOutput output) throws IOException {
		write("aws.json", """
				[{"cloud": "aws", "resourceType": "AWS::S3::Bucket", "providerId": "arn:aws:s3:::logs-bucket",
				  "name": "logs-bucket"}]
				""");
		failing("insert", () -> assertThat(files.scan().block()).isZero());
		assertThat(postgres.count("select count(*) from asset")).isZero();
		assertThat(output).contains("Inventory file aws.json could not be loaded, trying again at the next scan");

		assertThat(files.scan().block()).isEqualTo(1);

		assertThat(postgres.rows("select name from asset")).containsExactly("logs-bucket");
	}

	@Test
	void scanWhenRemovingAGoneFilesAssetsFailsThenTheNextScanRemovesThem() throws IOException {
		write("aws.json", """
				[{"cloud": "aws", "resourceType": "AWS::S3::Bucket", "providerId": "arn:aws:s3:::logs-bucket",
				  "name": "logs-bucket"}]
				""");
		files.scan().block();
		Files.delete(DIRECTORY.resolve("aws.json"));
		failing("delete", () -> files.scan().block());
		assertThat(postgres.count("select count(*) from asset")).isEqualTo(1);

		files.scan().block();

		assertThat(postgres.count("select count(*) from asset")).isZero();
	}

	/**
	 * Runs {@code scan} while PostgreSQL fails every {@code operation} (insert or delete) on {@code asset} as a
	 * full disk would.
	 */
	private static void failing(String operation, Runnable scan) {
		postgres.execute("""
				create function fail_asset_writes() returns trigger language plpgsql as $$
				begin raise exception 'could not extend file' using errcode = '53100'; end $$;
				create trigger fail_asset_writes before %s on asset for each row execute function fail_asset_writes()
				""".formatted(operation));
		try {
			scan.run();
		}
		finally {
			postgres.execute("drop trigger fail_asset_writes on asset; drop function fail_asset_writes()");
		}
	}

	private static void write(String name, String content) throws IOException {
		Path file = DIRECTORY.resolve(name);
		Files.writeString(file, content);
		// a later time on each write, so that a rewrite within the same second still counts as a change
		Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(CLOCK.incrementAndGet())));
	}

}
