package dev.switchboard.sandbox.slack;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.support.ChangeClock;
import org.springframework.stereotype.Component;

/**
 * The workspaces the app is installed in, numbered from 1 ({@code sandbox.slack.accounts}, default 2). Lookups
 * answer null for "no such team"; callers turn that into Slack's error.
 */
@Component
class SlackTeams extends AccountRegistry<SlackTeam> {

  SlackTeams(SlackSettings settings, ChangeClock clock) {
    super(settings.accounts, n -> new SlackTeam(n, settings, clock));
  }

  /** The team whose bot token this is (configured or OAuth-issued), or null. */
  SlackTeam byToken(String token) {
    return find(t -> t.tokens.valid(token));
  }

  /** The team whose incoming webhook has this path, or null. */
  SlackTeam byWebhookPath(String path) {
    return find(t -> t.webhookPath.equals(path));
  }

  /** The team a {@code /_sandbox} request names: its number or team id; the first team if null. Null if unknown. */
  SlackTeam forControl(Object account) {
    return named(account, (t, id) -> t.teamId.equals(id));
  }

  void reset() {
    all().forEach(SlackTeam::reset);
  }
}
