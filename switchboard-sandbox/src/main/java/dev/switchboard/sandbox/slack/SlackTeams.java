package dev.switchboard.sandbox.slack;

import dev.switchboard.sandbox.support.ChangeClock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The workspaces the app is installed in, numbered from 1 ({@code sandbox.slack.accounts}, default 2). Lookups
 * answer null for "no such team"; callers turn that into Slack's error.
 */
@Component
class SlackTeams {

  private final List<SlackTeam> teams = new ArrayList<>();

  SlackTeams(SlackSettings settings, ChangeClock clock) {
    for (int n = 1; n <= settings.accounts; n++) {
      teams.add(new SlackTeam(n, settings, clock));
    }
  }

  List<SlackTeam> all() {
    return teams;
  }

  SlackTeam first() {
    return teams.getFirst();
  }

  /** The team whose bot token this is (configured or OAuth-issued), or null. */
  SlackTeam byToken(String token) {
    return teams.stream().filter(t -> t.tokens.valid(token)).findFirst().orElse(null);
  }

  /** The team whose incoming webhook has this path, or null. */
  SlackTeam byWebhookPath(String path) {
    return teams.stream().filter(t -> t.webhookPath.equals(path)).findFirst().orElse(null);
  }

  /** Team {@code number} (1-based, as text or a number), or null if it is not one of this instance's. */
  SlackTeam byNumber(Object number) {
    try {
      int n = number instanceof Number x ? x.intValue() : Integer.parseInt(String.valueOf(number).trim());
      return n >= 1 && n <= teams.size() ? teams.get(n - 1) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The team a {@code /_sandbox} request names: its number or team id; the first team if null. Null if unknown. */
  SlackTeam forControl(Object account) {
    if (account == null) {
      return first();
    }
    SlackTeam byId = teams.stream().filter(t -> t.teamId.equals(String.valueOf(account))).findFirst().orElse(null);
    return byId != null ? byId : byNumber(account);
  }

  void reset() {
    teams.forEach(SlackTeam::reset);
  }
}
