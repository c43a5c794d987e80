package dev.switchboard.app.ops;

import dev.switchboard.app.events.Alerts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * E-mails operators about sync failures ({@code SWITCHBOARD_ALERTS_EMAIL_TO}, SMTP from {@code SPRING_MAIL_*}).
 * Sent after the alert is committed, off the worker's thread, and at most once per kind of alert (tenant,
 * code, connection) per {@code SWITCHBOARD_ALERTS_EMAIL_QUIET_MINUTES}: an outage that dead-letters a thousand
 * writes sends one e-mail, not a thousand. Alert messages carry no personal data.
 */
@Component
@ConditionalOnProperty(name = "switchboard.alerts.email-to")
class AlertMailer {
  private static final Logger log = LoggerFactory.getLogger(AlertMailer.class);

  private final JavaMailSender mail;
  private final Clock clock;
  private final String to;
  private final String from;
  private final Duration quiet;
  private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();
  private final ExecutorService sender = Executors.newVirtualThreadPerTaskExecutor();

  AlertMailer(JavaMailSender mail, Clock clock, @Value("${switchboard.alerts.email-to}") String to,
      @Value("${switchboard.alerts.email-from:switchboard@localhost}") String from,
      @Value("${switchboard.alerts.email-quiet-minutes:15}") long quietMinutes) {
    this.mail = mail;
    this.clock = clock;
    this.to = to;
    this.from = from;
    this.quiet = Duration.ofMinutes(quietMinutes);
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(Alerts.AlertRaised alert) {
    String kind = alert.tenantId() + "|" + alert.code() + "|" + alert.connectionId();
    Instant now = clock.instant();
    Instant previous = lastSent.get(kind);
    if (previous != null && now.isBefore(previous.plus(quiet))) {
      return;
    }
    lastSent.put(kind, now);
    sender.submit(() -> send(alert));
  }

  private void send(Alerts.AlertRaised alert) {
    SimpleMailMessage m = new SimpleMailMessage();
    m.setFrom(from);
    m.setTo(to.split("\\s*,\\s*"));
    m.setSubject("[Switchboard] " + alert.severity() + ": " + alert.code() + " (tenant " + alert.tenantId() + ")");
    m.setText(alert.message() + "\n\nAt " + alert.at() + ". Further alerts of this kind are held back for "
        + quiet.toMinutes() + " minutes; the console lists all of them.");
    try {
      mail.send(m);
    } catch (MailException e) {
      log.warn("could not e-mail alert {}: {}", alert.code(), e.getClass().getSimpleName());
    }
  }
}
