package dev.switchboard.app.console;

import dev.switchboard.app.access.PasswordResets;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.events.DomainEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends password reset links by e-mail when SMTP is configured ({@code SPRING_MAIL_HOST}, …; Spring Boot then
 * provides a {@link JavaMailSender}). A request is taken in the background — looking the account up, issuing the
 * link ({@link PasswordResets}), sending it — so the answer to the person asking is the same, and as quick, whether
 * the account exists or not. Throttled twice: per account in the database ({@link PasswordResets}), and per client
 * address here ({@code switchboard.password-reset.requests-per-address} per 15 minutes, counted per node: it caps
 * how many inboxes one machine can fill, not what one inbox receives). Neither the address asked for nor the
 * username is logged.
 */
@Component
class ResetMailer {
  private static final Logger log = LoggerFactory.getLogger(ResetMailer.class);
  static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);

  private final ObjectProvider<JavaMailSender> mail;
  private final PasswordResets resets;
  private final Users users;
  private final DomainEvents events;
  private final Clock clock;
  private final String from;
  private final String publicBaseUrl;
  private final int perAddress;
  private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  ResetMailer(ObjectProvider<JavaMailSender> mail, PasswordResets resets, Users users, DomainEvents events,
      Clock clock, @Value("${switchboard.mail.from:switchboard@localhost}") String from,
      @Value("${switchboard.public-base-url}") String publicBaseUrl,
      @Value("${switchboard.password-reset.requests-per-address:5}") int perAddress) {
    this.mail = mail;
    this.resets = resets;
    this.users = users;
    this.events = events;
    this.clock = clock;
    this.from = from;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    this.perAddress = perAddress;
  }

  /** Whether SMTP is configured: without it there is no e-mailed reset (the deployer resets passwords). */
  boolean available() {
    return mail.getIfAvailable() != null;
  }

  /**
   * Takes a request for a link for {@code account} (username or e-mail address) from {@code address}; returns at
   * once, without saying whether anything will be sent.
   */
  void request(String account, String address) {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null || account.isBlank() || account.length() > 320 || !allowed(address)) {
      return;
    }
    background.submit(() -> send(sender, account));
  }

  private void send(JavaMailSender sender, String account) {
    PasswordResets.Link link;
    try {
      link = resets.request(account).orElse(null);
    } catch (RuntimeException e) {
      log.warn("Password reset request failed: {}", e.getClass().getSimpleName());
      return;
    }
    if (link == null) {
      return;
    }
    SimpleMailMessage m = new SimpleMailMessage();
    m.setFrom(from);
    m.setTo(link.email());
    m.setSubject("[Switchboard] Reset your password");
    m.setText("Someone asked to reset the password of the Switchboard user " + link.username() + ".\n\n"
        + "To choose a new password, open this link within " + link.validFor().toMinutes() + " minutes. It works "
        + "once, and signs you out everywhere else:\n\n" + publicBaseUrl + "/login/reset/" + link.token() + "\n\n"
        + "If it was not you, ignore this e-mail: your password stays as it is.");
    try {
      sender.send(m);
    } catch (MailException e) {
      log.warn("Could not e-mail a password reset link: {}", e.getClass().getSimpleName());
      return;
    }
    users.member(link.username()).ifPresent(member -> events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED,
        Map.of("action", "user.password_reset_link", "actor", "reset request", "target", "user:" + link.username()),
        null));
  }

  /** At most {@code perAddress} requests per {@link #ADDRESS_WINDOW} from one client address. */
  private boolean allowed(@Nullable String address) {
    Instant now = clock.instant();
    Deque<Instant> times = byAddress.computeIfAbsent(String.valueOf(address), a -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(ADDRESS_WINDOW))) {
        times.pollFirst();
      }
      if (times.size() >= perAddress) {
        return false;
      }
      times.addLast(now);
    }
    if (byAddress.size() > 10_000) { // a sweep now and then keeps the map to recent addresses
      byAddress.values().removeIf(q -> {
        synchronized (q) {
          return q.isEmpty() || !q.peekLast().isAfter(now.minus(ADDRESS_WINDOW));
        }
      });
    }
    return true;
  }
}
