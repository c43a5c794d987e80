package dev.switchboard.sandbox.slack;

import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One team's bot tokens (its configured one plus those oauth.v2.access issued into it) and its rate limiter, whose
 * budgets every token of the team shares (Slack counts per app, workspace and method).
 */
final class SlackTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  final SlackRateLimiter limiter = new SlackRateLimiter();
  private final String botToken;
  private final Set<String> issued = ConcurrentHashMap.newKeySet();

  SlackTokens(String botToken) {
    this.botToken = botToken;
  }

  boolean valid(String token) {
    return botToken.equals(token) || issued.contains(token);
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
