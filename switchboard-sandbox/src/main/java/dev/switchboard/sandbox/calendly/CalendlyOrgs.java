package dev.switchboard.sandbox.calendly;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instance's Calendly organizations, numbered from 1 ({@code sandbox.calendly.accounts}, default 2). Lookups
 * answer null for "no such organization"; callers turn that into Calendly's error.
 */
@Component
class CalendlyOrgs extends AccountRegistry<CalendlyOrg> {

  private final CalendlyDirectory dir;

  CalendlyOrgs(CalendlySettings settings, CalendlyDirectory dir, WebhookDispatcher dispatcher, ChangeClock clock,
      JsonMapper json) {
    super(settings.accounts, n -> new CalendlyOrg(n, settings, dir, dispatcher, clock, json));
    this.dir = dir;
    reset();
  }

  /** Resource URIs embed the port, known only now: the seeded event types are rebuilt on it. */
  @EventListener
  void serverStarted(WebServerInitializedEvent e) {
    dir.serverStarted(e.getWebServer().getPort());
    reset();
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

  /** The organization a {@code /_sandbox} request names: number or organization URI/UUID; the first if null. */
  CalendlyOrg forControl(Object account) {
    return named(account, (o, id) -> o.orgUuid.equals(CalendlyUris.id(id)));
  }

  void reset() {
    all().forEach(CalendlyOrg::reset);
  }
}
