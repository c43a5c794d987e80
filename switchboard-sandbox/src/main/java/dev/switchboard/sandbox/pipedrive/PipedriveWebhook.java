package dev.switchboard.sandbox.pipedrive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** One webhook registration ({@code POST /v1/webhooks}) with its delivery and ban-point state. */
final class PipedriveWebhook {

  final long id;
  final String url;
  final String action;
  final String object;
  final String authUser;
  final String authPassword;
  final String version;
  final Instant added;
  volatile int banPoints;
  volatile Instant bannedUntil;
  volatile Instant lastDelivery;
  volatile Integer lastStatus;

  PipedriveWebhook(long id, String url, String action, String object, String user, String password, String version, Instant added) {
    this.id = id;
    this.url = url;
    this.action = action;
    this.object = object;
    this.authUser = user;
    this.authPassword = password;
    this.version = version;
    this.added = added;
  }

  boolean matches(String a, String o) {
    return (action.equals("*") || action.equals(a)) && (object.equals("*") || object.equals(o));
  }

  boolean banned(Instant now) {
    return bannedUntil != null && now.isBefore(bannedUntil);
  }

  /** The v1 API representation. */
  Map<String, Object> render(PipedriveCompany s, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("company_id", s.companyId);
    m.put("owner_id", s.userId);
    m.put("user_id", s.userId);
    m.put("event_action", action);
    m.put("event_object", object);
    m.put("subscription_url", url);
    m.put("is_active", banned(now) ? 0 : 1);
    m.put("add_time", PipedriveEntity.TIME.format(added));
    m.put("remove_time", null);
    m.put("type", "general");
    m.put("http_auth_user", authUser);
    m.put("http_auth_password", authPassword);
    m.put("additional_data", new ArrayList<>());
    m.put("remove_reason", null);
    m.put("last_delivery_time", lastDelivery == null ? null : PipedriveEntity.TIME.format(lastDelivery));
    m.put("last_http_status", lastStatus);
    m.put("admin_id", s.userId);
    m.put("version", version);
    return m;
  }
}
