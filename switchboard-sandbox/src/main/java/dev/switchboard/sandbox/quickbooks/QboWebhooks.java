package dev.switchboard.sandbox.quickbooks;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OutboundRequest;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends QuickBooks webhook notifications for every change, to each configured target (the app's endpoints, which
 * receive the changes of every realm that granted the app, as at Intuit), in the target's
 * format: legacy {@code {"eventNotifications":[{realmId, dataChangeEvent:{entities:[{name,id,operation,lastUpdated}]}}]}}
 * (one notification per API call, all its changes together) or CloudEvents (a JSON array of
 * {@code {specversion, id, source, type:"qbo.customer.created.v1", datacontenttype, time, intuitentityid,
 * intuitaccountid, data}}), naming the realm whose entities changed. Header {@code intuit-signature} = base64(HMAC-SHA256(verifierToken, rawBody)).
 * https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/managing-webhooks-notifications
 */
@Component
class QboWebhooks {

  private final QboSettings settings;
  private final WebhookDispatcher dispatcher;
  private final JsonMapper json;

  QboWebhooks(QboSettings settings, WebhookDispatcher dispatcher, JsonMapper json) {
    this.settings = settings;
    this.dispatcher = dispatcher;
    this.json = json;
  }

  /** Notifies every target of {@code changes} made in realm {@code realmId} (nothing if there are none). */
  void publish(String realmId, List<QboStore.Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    for (QboSettings.WebhookTarget target : settings.webhooks) {
      String body = json.writeValueAsString(target.cloudEvents() ? cloudEvents(realmId, changes) : legacy(realmId, changes));
      String signature = sign(settings.verifierToken, body);
      dispatcher.dispatch("quickbooks", attempt -> new OutboundRequest(target.url(), "application/json",
          Map.of("intuit-signature", signature), body));
    }
  }

  private Map<String, Object> legacy(String realmId, List<QboStore.Change> changes) {
    List<Map<String, Object>> entities = changes.stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.type());
      m.put("id", c.id());
      m.put("operation", c.operation());
      m.put("lastUpdated", ChangeClock.MILLIS_Z.format(c.at()));
      return m;
    }).toList();
    return Map.of("eventNotifications", List.of(Map.of("realmId", realmId,
        "dataChangeEvent", Map.of("entities", entities))));
  }

  private List<Map<String, Object>> cloudEvents(String realmId, List<QboStore.Change> changes) {
    return changes.stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("specversion", "1.0");
      m.put("id", UUID.randomUUID().toString());
      m.put("source", "intuit." + settings.clientId);
      m.put("type", "qbo." + c.type().toLowerCase(Locale.ROOT) + "." + pastTense(c.operation()) + ".v1");
      m.put("datacontenttype", "application/json");
      m.put("time", ChangeClock.MILLIS_Z.format(c.at()));
      m.put("intuitentityid", c.id());
      m.put("intuitaccountid", realmId);
      m.put("data", Map.of());
      return m;
    }).toList();
  }

  private static String pastTense(String operation) {
    return switch (operation) {
      case "Create" -> "created";
      case "Update" -> "updated";
      case "Delete" -> "deleted";
      case "Merge" -> "merged";
      case "Void" -> "voided";
      default -> operation.toLowerCase(Locale.ROOT);
    };
  }

  /** base64(HMAC-SHA256(key, body)) as sent in {@code intuit-signature}. */
  static String sign(String key, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
