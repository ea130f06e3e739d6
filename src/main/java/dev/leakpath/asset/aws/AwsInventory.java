package dev.leakpath.asset.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.asset.AssetInventory;
import dev.leakpath.periodic.PeriodicLoop;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads the AWS inventory every interval: per account, S3 and IAM, and per region EC2, RDS and Redshift. Each of
 * these reads is the truth for a source of its own ({@code aws:<account>:s3}, {@code aws:<account>:<region>:ec2},
 * ...), so a read that fails (a missing permission, a service down past its retries) keeps what that read stored
 * before and does not stop the others. After an account's reads, what its IAM users may access is evaluated
 * again ({@link AwsAccessEvaluation}). The SDK blocks: every call runs on the bounded elastic scheduler.
 */
@Component
class AwsInventory {

	private static final Logger log = LoggerFactory.getLogger(AwsInventory.class);

	private final AwsInventoryProperties properties;

	private final AwsClients clients;

	private final AssetInventory inventory;

	private final AwsIdentityStore identities;

	private final AwsAccessEvaluation access;

	private volatile Disposable schedule;

	AwsInventory(AwsInventoryProperties properties, AwsClients clients, AssetInventory inventory,
			AwsIdentityStore identities, AwsAccessEvaluation access) {
		this.properties = properties;
		this.clients = clients;
		this.inventory = inventory;
		this.identities = identities;
		this.access = access;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!properties.enabled()) {
			return;
		}
		log.info("Reading the AWS inventory of {} in {} every {}",
				properties.accounts().isEmpty() ? "the default credentials' account" : properties.accounts(),
				properties.regions(), properties.interval());
		schedule = PeriodicLoop.start(log, "Reading the AWS inventory", properties.initialDelay(), properties.interval(),
				this::refresh);
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable running = schedule;
		if (running != null) {
			running.dispose();
		}
	}

	/** Reads every account, one after the other. */
	Mono<AwsRefresh> refresh() {
		return Mono.usingWhen(blocking(clients::sts), sts -> accounts(sts)
			.concatMap(account -> readAccount(account, sts))
			.reduce(AwsRefresh.NONE, AwsRefresh::plus), sts -> blocking(() -> {
				sts.close();
				return true;
			}))
			.doOnNext(done -> log.info("AWS: {} assets and {} IAM users in the inventory{}", done.assets(), done.users(),
					done.failures().isEmpty() ? "" : "; failed, their stored assets kept: " + done.failures()));
	}

	/** The configured accounts, or the default credentials' own. */
	private Flux<AwsInventoryProperties.Account> accounts(StsClient sts) {
		if (!properties.accounts().isEmpty()) {
			return Flux.fromIterable(properties.accounts());
		}
		return blocking(() -> new AwsInventoryProperties.Account(sts.getCallerIdentity().account(), null, null)).flux();
	}

	private Mono<AwsRefresh> readAccount(AwsInventoryProperties.Account account, StsClient sts) {
		String id = account.id();
		return Mono.usingWhen(blocking(() -> clients.credentials(account, sts)), credentials -> {
			List<Mono<AwsRefresh>> reads = new ArrayList<>();
			reads.add(buckets(id, credentials));
			reads.add(users(id, credentials));
			for (String region : properties.regions()) {
				reads.add(assets("EC2", id + ":" + region + ":ec2", () -> clients.ec2(credentials, region),
						ec2 -> Ec2Instances.read(ec2, id, region)));
				reads.add(assets("RDS", id + ":" + region + ":rds", () -> clients.rds(credentials, region),
						rds -> RdsDatabases.read(rds, id, region)));
				reads.add(assets("Redshift", id + ":" + region + ":redshift", () -> clients.redshift(credentials, region),
						redshift -> RedshiftClusters.read(redshift, id, region)));
			}
			// the identities' access is evaluated from what is stored, read now or kept from before
			return Flux.concat(reads).reduce(AwsRefresh.NONE, AwsRefresh::plus)
				.flatMap(done -> access.evaluateAccount(id).thenReturn(done)
					.onErrorResume(ex -> Mono.just(done.plus(failure("IAM evaluation", id, ex)))));
		}, credentials -> blocking(() -> {
			clients.release(credentials);
			return true;
		}));
	}

	/** One service's read, made the truth for the source {@code aws:<scope>}; a failure is reported, not thrown. */
	private <C extends SdkAutoCloseable> Mono<AwsRefresh> assets(String service, String scope, Supplier<C> client,
			Function<C, List<AssetInput>> read) {
		return blocking(() -> {
			try (C open = client.get()) {
				return read.apply(open);
			}
		})
			.flatMap(assets -> inventory.replaceSource(assets, "aws:" + scope)
				.thenReturn(new AwsRefresh(assets.size(), 0, List.of())))
			.onErrorResume(ex -> Mono.just(failure(service, scope, ex)));
	}

	/** The S3 read: its buckets the truth for {@code aws:<account>:s3}, their policies kept for the IAM evaluation. */
	private Mono<AwsRefresh> buckets(String accountId, AwsCredentialsProvider credentials) {
		return blocking(() -> {
			try (var s3 = clients.s3(credentials)) {
				return S3Buckets.read(s3, accountId);
			}
		})
			.flatMap(read -> inventory.replaceSource(read.assets(), "aws:" + accountId + ":s3")
				.then(identities.replaceBucketPolicies(accountId, read.policies()))
				.thenReturn(new AwsRefresh(read.assets().size(), 0, List.of())))
			.onErrorResume(ex -> Mono.just(failure("S3", accountId + ":s3", ex)));
	}

	private Mono<AwsRefresh> users(String accountId, AwsCredentialsProvider credentials) {
		return blocking(() -> {
			try (var iam = clients.iam(credentials)) {
				return IamUsers.read(iam, accountId);
			}
		})
			.flatMap(users -> identities.replaceAccount(accountId, users))
			.map(count -> new AwsRefresh(0, count, List.of()))
			.onErrorResume(ex -> Mono.just(failure("IAM", accountId, ex)));
	}

	/** Names AWS's error code (AccessDenied, UnauthorizedOperation, Throttling): the SDK's message leaves it out. */
	private static AwsRefresh failure(String service, String scope, Throwable ex) {
		String why = ex instanceof AwsServiceException refused && refused.awsErrorDetails() != null
				? refused.statusCode() + " " + refused.awsErrorDetails().errorCode() + ": " + ex.getMessage()
				: ex.getMessage();
		log.warn("AWS inventory: {} {} could not be read, its stored inventory stays: {}", service, scope, why);
		return AwsRefresh.failed(service + " " + scope + ": " + why);
	}

	private static <T> Mono<T> blocking(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

}
