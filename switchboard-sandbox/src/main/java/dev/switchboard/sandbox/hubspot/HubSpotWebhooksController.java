package dev.switchboard.sandbox.hubspot;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HubSpot webhooks v3 app settings and subscriptions (developer API key auth, see the guard filter). */
@RestController
@RequestMapping("/hubspot/webhooks/v3/{appId}")
class HubSpotWebhooksController {

  private final HubSpotWebhookConfig config;
  private final HubSpotSettings settings;

  HubSpotWebhooksController(HubSpotWebhookConfig config, HubSpotSettings settings) {
    this.config = config;
    this.settings = settings;
  }

  private void checkApp(long appId) {
    if (appId != settings.appId) {
      throw HubSpotException.notFound();
    }
  }

  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/settings/get-webhooks-v3-appId-settings
  @GetMapping("/settings")
  Map<String, Object> getSettings(@PathVariable long appId) {
    checkApp(appId);
    return config.settings().orElseThrow(HubSpotException::notFound);
  }

  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/settings/put-webhooks-v3-appId-settings
  @PutMapping("/settings")
  Map<String, Object> putSettings(@PathVariable long appId, @RequestBody Map<String, Object> body) {
    checkApp(appId);
    return config.putSettings(body);
  }

  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/subscriptions/get-webhooks-v3-appId-subscriptions
  @GetMapping("/subscriptions")
  Map<String, Object> subscriptions(@PathVariable long appId) {
    checkApp(appId);
    return Map.of("results", config.subscriptions());
  }

  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/subscriptions/post-webhooks-v3-appId-subscriptions
  @PostMapping("/subscriptions")
  ResponseEntity<Map<String, Object>> subscribe(@PathVariable long appId, @RequestBody Map<String, Object> body) {
    checkApp(appId);
    return ResponseEntity.status(201).body(config.subscribe(body));
  }

  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/subscriptions/delete-webhooks-v3-appId-subscriptions-subscriptionId
  @DeleteMapping("/subscriptions/{subscriptionId}")
  ResponseEntity<Void> unsubscribe(@PathVariable long appId, @PathVariable long subscriptionId) {
    checkApp(appId);
    if (!config.unsubscribe(subscriptionId)) {
      throw HubSpotException.notFound();
    }
    return ResponseEntity.noContent().build();
  }
}
