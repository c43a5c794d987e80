package dev.switchboard.app.console;

import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.connections.ConnectionNeedsReconnecting;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * E-mails the tenant's owners (those who gave an address) when a connection needs reconnecting: only they, or an
 * admin, can sign in to the vendor again, and until then its writes wait. Sent in the background when SMTP is
 * configured; the message names the connection by the owner's own label and links to the dashboard, nothing else.
 */
@Component
class ReconnectMailer {
  private static final Logger log = LoggerFactory.getLogger(ReconnectMailer.class);

  private final ObjectProvider<JavaMailSender> mail;
  private final Users users;
  private final String from;
  private final String publicBaseUrl;
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  ReconnectMailer(ObjectProvider<JavaMailSender> mail, Users users,
      @Value("${switchboard.mail.from:switchboard@localhost}") String from,
      @Value("${switchboard.public-base-url}") String publicBaseUrl) {
    this.mail = mail;
    this.users = users;
    this.from = from;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  @EventListener
  void on(ConnectionNeedsReconnecting event) {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      return;
    }
    List<String> to = users.members(event.tenantId()).stream().filter(m -> m.role() == Role.OWNER)
        .flatMap(m -> users.email(m.username()).stream()).toList();
    if (to.isEmpty()) {
      return;
    }
    background.submit(() -> {
      SimpleMailMessage m = new SimpleMailMessage();
      m.setFrom(from);
      m.setTo(to.toArray(String[]::new));
      m.setSubject("[Switchboard] " + event.displayName() + " needs reconnecting");
      m.setText(event.displayName() + " no longer lets Switchboard in (its sign-in was withdrawn or has lapsed), so "
          + "changes to it and from it wait; nothing is lost.\n\nTo resume, open the dashboard and press Reconnect, "
          + "then sign in to the same account:\n\n" + publicBaseUrl + "/\n");
      try {
        sender.send(m);
      } catch (MailException e) {
        log.warn("Could not e-mail that a connection needs reconnecting: {}", e.getClass().getSimpleName());
      }
    });
  }
}
