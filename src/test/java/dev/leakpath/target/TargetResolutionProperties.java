package dev.leakpath.target;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Whatever the input, resolving neither throws nor copies a password or key into the target. */
class TargetResolutionProperties {

	private final TargetResolution resolution = new TargetResolution();

	@Property(tries = 2000)
	void anyTextResolvesWithoutFailing(@ForAll @StringLength(max = 400) String text, @ForAll("secretTypes") String type) {
		SecretTarget target = resolution.resolve(new SecretText(type, text, text));

		assertThat(target).isNotNull();
		assertThat(target.kind()).isNotNull();
	}

	@Property(tries = 2000)
	void passwordsAndKeysNeverReachTheTarget(@ForAll("layouts") String layout, @ForAll("hosts") String host,
			@ForAll("passwords") String password, @ForAll("secretTypes") String type) {
		String value = layout.replace("{host}", host).replace("{password}", password);

		SecretTarget target = resolution.resolve(new SecretText(type, value, null));

		assertThat(target.toString()).doesNotContain(password);
	}

	@Provide
	Arbitrary<String> secretTypes() {
		return Arbitraries.of("azure_storage_account_connection_string", "azure_sql_connection_string",
				"postgres_connection_string", "azure_sas_token", "aws_s3_presigned_url", "aws_access_key_id",
				"openssh_private_key", "github_personal_access_token", "generic_password", "unknown_type");
	}

	@Provide
	Arbitrary<String> layouts() {
		return Arbitraries.of("DefaultEndpointsProtocol=https;AccountName={host};AccountKey={password};",
				"Server=tcp:{host}.database.windows.net,1433;User ID=app;Password={password};",
				"Host={host}.postgres.database.azure.com;Username=u;Password={password}",
				"postgresql://app:{password}@{host}.postgres.database.azure.com:5432/db",
				"mongodb://{host}:{password}@{host}.mongo.cosmos.azure.com:10255/?ssl=true",
				"https://{host}.blob.core.windows.net/c/b?sv=2023-01-03&se=2026-01-01&sig={password}",
				"https://{host}.s3.us-east-1.amazonaws.com/k?X-Amz-Credential=AKIAY34FZKBOKMUTVV7A%2F20260101%2Fus-east-1"
						+ "%2Fs3%2Faws4_request&X-Amz-Signature={password}",
				"Endpoint=sb://{host}.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey={password}",
				"{host}.redis.cache.windows.net:6380,password={password},ssl=True",
				"password: {password}\nhost: {host}.database.windows.net");
	}

	@Provide
	Arbitrary<String> hosts() {
		return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(3).ofMaxLength(24)
			.filter(name -> Character.isLetter(name.charAt(0)));
	}

	/** Passwords as people pick them, with a marker no identifier can contain. */
	@Provide
	Arbitrary<String> passwords() {
		return Arbitraries.strings().alpha().numeric().withChars("!#$%^*()_+-/~").ofMinLength(6).ofMaxLength(40)
			.map(body -> "Pw!" + body);
	}

}
