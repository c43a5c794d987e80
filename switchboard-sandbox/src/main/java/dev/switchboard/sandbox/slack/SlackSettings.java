package dev.switchboard.sandbox.slack;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slack emulator configuration ({@code sandbox.slack.*}). Fixed identities (bot token, team and bot user are team
 * 1's; {@code accounts}, default 2, is how many teams there are) plus the runtime-adjustable app-wide
 * limits and Events API settings ({@code PUT /_sandbox/config {"vendor":"slack", ...}}); {@link #reset()}
 * restores the startup values.
 */
@Component
class SlackSettings {

  final String botToken;
  final String teamId;
  final String teamName;
  final String appId;
  final String botId;
  final String botUserId;
  final String clientId;
  final String clientSecret;
  final String verificationToken;
  /** How many workspaces the app is installed in ({@link SlackTeams}); at least 1. */
  final int accounts;
  private final String defaultSigningSecret;
  private final String defaultRetryDelays;

  volatile String signingSecret;
  volatile int tier2PerMinute;
  volatile int tier3PerMinute;
  volatile int tier4PerMinute;
  /** chat.postMessage: at most this many messages per channel in any window of this many seconds (≈1/s, bursts). */
  volatile int postMessageBurst;
  /** Delays before retry 1, 2, 3 of an Events API delivery (Slack: ~immediately, 1 min, 5 min). */
  volatile List<Long> eventRetryDelaysMs;
  /** A delivery not answered within this time fails with {@code http_timeout} (Slack: 3 s). */
  volatile long eventTimeoutMs;

  SlackSettings(
      @Value("${sandbox.slack.bot-token:xoxb-sandbox-token}") String botToken,
      @Value("${sandbox.slack.team-id:T0SANDBOX}") String teamId,
      @Value("${sandbox.slack.client-id:1111111111.2222222222}") String clientId,
      @Value("${sandbox.slack.client-secret:sandbox-slack-client-secret}") String clientSecret,
      @Value("${sandbox.slack.signing-secret:sandbox-slack-signing-secret}") String signingSecret,
      @Value("${sandbox.slack.event-retry-delays-ms:100,1000,5000}") String retryDelays,
      @Value("${sandbox.slack.accounts:2}") int accounts) {
    this.botToken = botToken;
    this.teamId = teamId;
    this.teamName = "Sandbox Workspace";
    this.appId = "A0SANDBOXAPP";
    this.botId = "B0SANDBOXBOT";
    this.botUserId = "U0SANDBOXBOT";
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.verificationToken = "sandboxVerificationToken";
    this.accounts = Math.max(1, accounts);
    this.defaultSigningSecret = signingSecret;
    this.defaultRetryDelays = retryDelays;
    reset();
  }

  final void reset() {
    signingSecret = defaultSigningSecret;
    tier2PerMinute = 20;
    tier3PerMinute = 50;
    tier4PerMinute = 100;
    postMessageBurst = 5;
    eventRetryDelaysMs = parseDelays(defaultRetryDelays);
    eventTimeoutMs = 3000;
  }

  static List<Long> parseDelays(Object v) {
    if (v instanceof List<?> l) {
      return l.stream().map(o -> Long.parseLong(o.toString().trim())).toList();
    }
    return Arrays.stream(v.toString().split(",")).map(s -> Long.parseLong(s.trim())).toList();
  }

  /** Per-minute limit of a method's tier; -1 for methods limited otherwise (chat.postMessage). */
  int perMinute(String method) {
    return switch (method) {
      case "conversations.list" -> tier2PerMinute;
      case "users.lookupByEmail", "conversations.history" -> tier3PerMinute;
      case "chat.postMessage" -> -1;
      default -> tier4PerMinute; // auth.test, users.info, oauth.v2.access
    };
  }

  Map<String, Object> toJson() {
    return Map.of("tier2PerMinute", tier2PerMinute, "tier3PerMinute", tier3PerMinute, "tier4PerMinute", tier4PerMinute,
        "postMessageBurst", postMessageBurst, "eventRetryDelaysMs", eventRetryDelaysMs, "eventTimeoutMs", eventTimeoutMs,
        "signingSecret", signingSecret);
  }
}
