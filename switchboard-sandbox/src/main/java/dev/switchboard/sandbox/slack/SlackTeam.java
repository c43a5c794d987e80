package dev.switchboard.sandbox.slack;

import dev.switchboard.sandbox.support.ChangeClock;

/**
 * One Slack workspace (team) the app is installed in: its identity, bot token and bot user, its incoming webhook, the
 * bot tokens OAuth issued into it, its rate-limit budgets (Slack counts "per app per workspace per method") and its
 * {@link SlackWorkspace} (users, conversations, messages). Nothing is shared between teams, so a token of one never
 * sees another's data.
 *
 * <p>Team 1 is the configured one ({@code sandbox.slack.bot-token}, {@code .team-id}, "Sandbox Workspace", bot user
 * {@code U0SANDBOXBOT}). Team N ≥ 2 is derived from N: team id = team 1's + N, name suffixed with " N", bot token =
 * team 1's + {@code -N}, and every seeded id with the {@code 0} after its type letter replaced by N
 * ({@code U0SANDBOX01} → {@code U2SANDBOX01}, {@code C0GENERAL01} → {@code C2GENERAL01}), as Slack ids are unique
 * across workspaces.
 */
final class SlackTeam {

  final int number;
  final String teamId;
  final String teamName;
  final String domain;
  final String botToken;
  final String botUserId;
  final String botId;
  /** The installing user oauth.v2.access reports ({@code authed_user}): the team's first seeded person. */
  final String authedUserId;
  final String webhookPath;
  final SlackTokens tokens;
  final SlackWorkspace workspace;
  private int seeded;

  SlackTeam(int number, SlackSettings settings, ChangeClock clock) {
    this.number = number;
    boolean first = number == 1;
    this.teamId = first ? settings.teamId : settings.teamId + number;
    this.teamName = first ? settings.teamName : settings.teamName + " " + number;
    this.domain = first ? "sandbox-workspace" : "sandbox-workspace-" + number;
    this.botToken = first ? settings.botToken : settings.botToken + "-" + number;
    this.botUserId = id(settings.botUserId);
    this.botId = id(settings.botId);
    this.authedUserId = id("U0SANDBOX01");
    this.webhookPath = first ? SlackWebhookController.DEFAULT_PATH
        : "/slack/services/" + teamId + "/" + id("B0SANDBOXWH") + "/sandboxWebhookSecret" + String.format("%03d", number);
    this.tokens = new SlackTokens(botToken);
    this.workspace = new SlackWorkspace(this, clock);
  }

  /** A seeded id of this team: {@code base} as is for team 1, its second character replaced by the number else. */
  String id(String base) {
    return number == 1 ? base : base.charAt(0) + Integer.toString(number) + base.substring(2);
  }

  /** The team's running number for seeded users and channels (so repeated seeds do not collide). */
  synchronized int nextSeed() {
    return ++seeded;
  }

  /** Back to the seeded workspace, no OAuth-issued tokens, fresh rate-limit budgets. */
  synchronized void reset() {
    workspace.reset();
    tokens.reset();
    seeded = 0;
  }
}
