package dev.switchboard.sandbox.calendly;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instance's Calendly organizations, numbered from 1 ({@code sandbox.calendly.accounts}, default 2). Lookups
 * answer null for "no such organization"; callers turn that into Calendly's error.
 */
@Component
class CalendlyOrgs {

  private final List<CalendlyOrg> orgs = new ArrayList<>();
  private final CalendlyDirectory dir;

  CalendlyOrgs(CalendlySettings settings, CalendlyDirectory dir, WebhookDispatcher dispatcher, ChangeClock clock,
      JsonMapper json) {
    this.dir = dir;
    for (int n = 1; n <= settings.accounts; n++) {
      orgs.add(new CalendlyOrg(n, settings, dir, dispatcher, clock, json));
    }
    reset();
  }

  /** Resource URIs embed the port, known only now: the seeded event types are rebuilt on it. */
  @EventListener
  void serverStarted(WebServerInitializedEvent e) {
    dir.serverStarted(e.getWebServer().getPort());
    reset();
  }

  List<CalendlyOrg> all() {
    return orgs;
  }

  CalendlyOrg first() {
    return orgs.getFirst();
  }

  /** The organization whose personal access token this is, or null (OAuth tokens: {@link CalendlyOAuthController}). */
  CalendlyOrg byPersonalAccessToken(String token) {
    return find(o -> o.personalAccessToken.equals(token));
  }

  /** The organization owning this event type (URI or UUID), or null. */
  CalendlyOrg byEventType(Object eventType) {
    String uuid = CalendlyUris.id(eventType);
    return find(o -> o.hasEventType(uuid));
  }

  /** The organization one of whose events has this invitee, or null. */
  CalendlyOrg byInvitee(String inviteeUuid) {
    return find(o -> o.store.hasInvitee(inviteeUuid));
  }

  /** Organization {@code number} (1-based, as text or a number), or null if it is not one of this instance's. */
  CalendlyOrg byNumber(Object number) {
    try {
      int n = number instanceof Number x ? x.intValue() : Integer.parseInt(String.valueOf(number).trim());
      return n >= 1 && n <= orgs.size() ? orgs.get(n - 1) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The organization a {@code /_sandbox} request names: number or organization URI/UUID; the first if null. */
  CalendlyOrg forControl(Object account) {
    if (account == null) {
      return first();
    }
    CalendlyOrg byId = find(o -> o.orgUuid.equals(CalendlyUris.id(account)));
    return byId != null ? byId : byNumber(account);
  }

  private CalendlyOrg find(Predicate<CalendlyOrg> p) {
    return orgs.stream().filter(p).findFirst().orElse(null);
  }

  void reset() {
    orgs.forEach(CalendlyOrg::reset);
  }
}
