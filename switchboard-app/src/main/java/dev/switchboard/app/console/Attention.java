package dev.switchboard.app.console;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.CredentialExpiry;
import dev.switchboard.app.sync.SyncOperations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One line of the dashboard's "Needs your attention": a cause in plain words, who fixes it, and one action.
 *
 * @param id     stable per cause and connection ({@code reconnect-con_…}), for the page and its tests
 * @param kind   how the action is taken: {@code link} (a page), {@code form} (a POST that leaves the dashboard) or
 *               {@code htmx} (a POST answered with the refreshed dashboard); null when there is nothing to press
 * @param action the action's label
 * @param target its URL
 */
record Attention(String id, String text, String who, @Nullable String kind, @Nullable String action,
    @Nullable String target) {

  private static final String YOU = "You";
  /** Failure causes shown one per line; the rest share one. */
  static final int MAX_FAILURE_LINES = 5;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", java.util.Locale.ENGLISH);
  private static final String INSTALLER = "Whoever installed Switchboard";

  /**
   * The causes, most urgent first: nothing (or no hub) connected, connections that need a person (sign-in withdrawn,
   * credentials refused, paused), vendors failing, credentials about to lapse, webhooks that could not be set up,
   * writes that failed (one line per cause).
   *
   * @param failures the tenant's failed writes by cause ({@link SyncOperations#failureGroups}): one line each, in the
   *               catalogue's words, the largest first ({@value #MAX_FAILURE_LINES} at most, then one for the rest)
   * @param mayAct whether the member may take the actions (owners and admins); a viewer sees who can instead
   * @param now    the clock's time: a credential's known hard expiry is warned of {@link CredentialExpiry#WARNING}
   *               ahead of it
   */
  static List<Attention> of(List<DashboardModel.ConnectionRow> rows, List<SyncOperations.FailureGroup> failures,
      boolean mayAct, Instant now) {
    String you = mayAct ? YOU : "An owner or admin of your organisation";
    List<Attention> out = new ArrayList<>();
    if (rows.isEmpty()) {
      out.add(act(mayAct, "connect-hubspot", "Nothing is connected yet. Start with HubSpot: the other tools are kept "
          + "in step with it.", you, "link", "Connect HubSpot", "/console/connect/hubspot"));
    } else if (rows.stream().noneMatch(r -> r.connection().system().equals("hubspot"))) {
      out.add(act(mayAct, "connect-hubspot", "HubSpot is not connected: the other tools are kept in step with it.",
          you, "link", "Connect HubSpot", "/console/connect/hubspot"));
    }
    for (DashboardModel.ConnectionRow row : rows) {
      Connection c = row.connection();
      String page = "/console/connections/" + c.id();
      if (row.waitingForStart()) {
        out.add(act(mayAct, "first-sync-" + c.id(), c.displayName() + " is connected and waits for you to look at its "
            + "first-sync plan (who would be sent, who not, and why) and press Start. Nothing is written to it until "
            + "then.", you, "link", "See the plan", page + "/first-sync"));
      } else switch (c.status()) {
        case Connection.NEEDS_RECONNECTING -> out.add(row.signIn()
            ? act(mayAct, "reconnect-" + c.id(), c.displayName() + " needs you to sign in to it again: its access was "
                + "withdrawn or has lapsed. Its changes wait; nothing is lost.", you, "form", "Reconnect",
                page + "/reconnect")
            : act(mayAct, "reconnect-" + c.id(), c.displayName() + " needs new credentials: its access was withdrawn "
                + "or has lapsed. Its changes wait; nothing is lost.", you, "link", "Reconnect", page));
        case Connection.CREDENTIALS_REJECTED -> out.add(row.signIn()
            // an OAuth grant the vendor refuses is renewed by signing in again, not by typing credentials
            ? act(mayAct, "credentials-" + c.id(), c.displayName() + " refused its credentials: sign in to it again "
                + "to renew them. Its changes wait; nothing is lost.", you, "form", "Reconnect", page + "/reconnect")
            : act(mayAct, "credentials-" + c.id(), c.displayName() + " refused its credentials. Its changes wait; "
                + "nothing is lost.", you, "link", "Update credentials", page));
        case Connection.PAUSED -> out.add(act(mayAct, "paused-" + c.id(), c.displayName() + " is paused: nothing is "
            + "read from it or written to it until it is resumed.", you, "htmx", "Resume", page + "/resume"));
        case Connection.ERROR -> out.add(new Attention("failing-" + c.id(), c.displayName() + " is not answering. "
            + "Switchboard keeps retrying; nothing is lost.", "Nobody yet; if it lasts, " + INSTALLER.toLowerCase(
                java.util.Locale.ROOT), "link", "See the error", page));
        default -> { }
      }
      Instant expires = row.credentialExpiry();
      boolean lapsed = c.status().equals(Connection.NEEDS_RECONNECTING) || c.status().equals(
          Connection.CREDENTIALS_REJECTED);
      if (expires != null && !lapsed && !now.isBefore(expires.minus(CredentialExpiry.WARNING))) {
        String when = DAY.format(expires.atZone(ZoneOffset.UTC));
        long days = Duration.between(now, expires).toDays();
        String text = c.displayName() + (now.isBefore(expires)
            ? "’s access ends on " + when + (days < 1 ? " (within a day)" : " (in " + days + (days == 1 ? " day)" : " days)"))
            : "’s access ended on " + when) + ": after that its changes wait until someone reconnects it. "
            + "Reconnect now to keep it in step.";
        out.add(row.signIn()
            ? act(mayAct, "expiring-" + c.id(), text, you, "form", "Reconnect", page + "/reconnect")
            : act(mayAct, "expiring-" + c.id(), text, you, "link", "Update credentials", page));
      }
      if (c.webhookStatus() != null && c.webhookStatus().startsWith("REGISTRATION_FAILED")) {
        out.add(new Attention("webhook-" + c.id(), c.displayName() + " cannot tell Switchboard about changes as they "
            + "happen (its webhook could not be set up), so they arrive with the five-minute check instead.",
            INSTALLER + " (Switchboard’s public address must be reachable from " + c.system() + ")", "link",
            "See why", page));
      }
    }
    java.util.Map<String, String> names = new java.util.HashMap<>();
    rows.forEach(r -> names.put(r.connection().id(), r.connection().displayName()));
    for (int i = 0; i < failures.size() && i < MAX_FAILURE_LINES; i++) {
      SyncOperations.FailureGroup g = failures.get(i);
      String who = g.who().equals(YOU) ? you : g.who();
      out.add(act(mayAct, "failed-" + g.key(), names.getOrDefault(g.connectionId(), g.connectionId()) + ": "
          + changes(g.count()) + " could not be written. " + g.message() + " " + g.fix(), who, "link",
          "See failed writes", "#dead-letters"));
    }
    long rest = failures.stream().skip(MAX_FAILURE_LINES).mapToLong(SyncOperations.FailureGroup::count).sum();
    if (rest > 0) {
      out.add(act(mayAct, "failed-writes", rest + " more " + (rest == 1 ? "change" : "changes")
          + " could not be written, for other causes; each is "
          + "kept and can be sent again.", you, "link", "See failed writes", "#dead-letters"));
    }
    return out;
  }

  private static String changes(long n) {
    return n + (n == 1 ? " change" : " changes");
  }

  private static Attention act(boolean mayAct, String id, String text, String who, String kind, String action,
      String target) {
    return mayAct ? new Attention(id, text, who, kind, action, target) : new Attention(id, text, who, null, null, null);
  }
}
