package dev.leakpath.demo;

import java.nio.file.Path;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;

/**
 * The demo's fake GitHub and Azure DevOps: WireMock serving {@code wiremock-mappings/}, with
 * {@link FakeGitHubOwners} answering GitHub's GraphQL owners query. With it, the only classes that name
 * WireMock's classes, which the packaged jar does not hold: neither is loaded outside the demo profile.
 */
final class FakeProviders {

	private FakeProviders() {
	}

	/** Starts the fake providers, stopped with the application, and returns their base URL. */
	static String start(Path mappings, int port, SpringApplication application) {
		WireMockServer fakeProviders = new WireMockServer(WireMockConfiguration.options()
			.port(port)
			.bindAddress("127.0.0.1")
			.usingFilesUnderDirectory(mappings.toString())
			.disableRequestJournal()
			.extensions(new FakeGitHubOwners())
			.notifier(new Slf4jNotifier(false)));
		fakeProviders.start();
		// destroyed after every bean that calls the fake providers
		application.addListeners((ApplicationPreparedEvent event) -> ((DefaultListableBeanFactory) event
			.getApplicationContext()
			.getBeanFactory()).registerDisposableBean("leakpathDemoProviders", fakeProviders::stop));
		return fakeProviders.baseUrl();
	}

}
