package dev.switchboard.sandbox.slack;

import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Bot tokens the Web API accepts (the configured one plus those issued by oauth.v2.access) and the rate limiter. */
@Component
class SlackTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  final SlackRateLimiter limiter = new SlackRateLimiter();
  private final SlackSettings settings;
  private final Set<String> issued = ConcurrentHashMap.newKeySet();

  SlackTokens(SlackSettings settings) {
    this.settings = settings;
  }

  boolean valid(String token) {
    return settings.botToken.equals(token) || issued.contains(token);
  }

  /** A new {@code xoxb-<digits>-<digits>-<alnum>} bot token. */
  String issueBotToken() {
    String t = "xoxb-" + digits(13) + "-" + digits(13) + "-" + alnum(24);
    issued.add(t);
    return t;
  }

  static String digits(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return sb.toString();
  }

  static String alnum(int n) {
    String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(abc.charAt(RANDOM.nextInt(abc.length())));
    }
    return sb.toString();
  }

  void reset() {
    issued.clear();
    limiter.reset();
  }
}
