package dev.leakpath.notify;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP ({@code spring.mail.*}), as plain text. JavaMail blocks, so each message is sent on the
 * bounded elastic scheduler.
 */
@Component
class EmailPublisher implements NotificationPublisher {

	static final String CHANNEL = "email";

	private final JavaMailSender mail;

	private final String from;

	EmailPublisher(ObjectProvider<JavaMailSender> mail, NotificationProperties properties) {
		this.mail = mail.getIfAvailable();
		this.from = properties.email().from();
	}

	@Override
	public String channel() {
		return CHANNEL;
	}

	@Override
	public boolean configured() {
		return mail != null && from != null && !from.isBlank();
	}

	@Override
	public Mono<Void> publish(NotificationMessage message, String recipient) {
		SimpleMailMessage email = new SimpleMailMessage();
		email.setFrom(from);
		email.setTo(recipient);
		email.setSubject("[leakpath] " + message.title());
		email.setText(message.text() + "\n\nIn leakpath: " + message.dashboardUrl()
				+ (message.providerUrl() == null ? "" : "\nProvider alert: " + message.providerUrl())
				+ "\n\nYou get this because you own " + (message.facts().get("repository") != null
						? message.facts().get("repository") : "these repositories") + ".");
		return Mono.<Void>fromRunnable(() -> mail.send(email))
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap(MailException.class, ex -> new DeliveryException("e-mail not sent: " + ex.getClass().getSimpleName(),
					!(ex instanceof MailParseException || ex instanceof MailPreparationException), null));
	}

}
