package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HubSpot webhooks v3 app settings and subscriptions (developer API key auth, see the guard filter), also on the
 * 2026-03 paths, whose spec differs only in requiring {@code active} when a subscription is created. An unknown
 * {@code appId} or subscription id is a 404.
 */
@RestController
@RequestMapping({"/hubspot/webhooks/v3/{appId}", "/hubspot/webhooks/2026-03/{appId}"})
class HubSpotWebhooksController {

  private final HubSpotWebhookConfig config;
  private final HubSpotSettings settings;
  private final ChangeClock clock;

  HubSpotWebhooksController(HubSpotWebhookConfig config, HubSpotSettings settings, ChangeClock clock) {
    this.config = config;
    this.settings = settings;
    this.clock = clock;
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

  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/settings/delete-webhooks-v3-appId-settings
  /** Deletes the settings: nothing is delivered until settings are put again; subscriptions stay. */
  @DeleteMapping("/settings")
  ResponseEntity<Void> deleteSettings(@PathVariable long appId) {
    checkApp(appId);
    config.deleteSettings();
    return ResponseEntity.noContent().build();
  }

  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/subscriptions/get-webhooks-v3-appId-subscriptions
  @GetMapping("/subscriptions")
  Map<String, Object> subscriptions(@PathVariable long appId) {
    checkApp(appId);
    return Map.of("results", config.subscriptions());
  }

  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/subscriptions/post-webhooks-v3-appId-subscriptions
  @PostMapping("/subscriptions")
  ResponseEntity<Map<String, Object>> subscribe(@PathVariable long appId, @RequestBody Map<String, Object> body,
      jakarta.servlet.http.HttpServletRequest req) {
    checkApp(appId);
    return ResponseEntity.status(201).body(config.subscribe(body, CrmPaths.dated(req)));
  }

  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/subscriptions/get-webhooks-v3-appId-subscriptions-subscriptionId
  @GetMapping("/subscriptions/{subscriptionId}")
  Map<String, Object> subscription(@PathVariable long appId, @PathVariable long subscriptionId) {
    checkApp(appId);
    return config.subscription(subscriptionId).orElseThrow(HubSpotException::notFound);
  }

  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/subscriptions/patch-webhooks-v3-appId-subscriptions-subscriptionId
  /** Pauses or activates one subscription ({@code {active}}); only {@code active} can change. */
  @PatchMapping("/subscriptions/{subscriptionId}")
  Map<String, Object> patch(@PathVariable long appId, @PathVariable long subscriptionId,
      @RequestBody Map<String, Object> body) {
    checkApp(appId);
    if (!(body.get("active") instanceof Boolean active)) {
      throw HubSpotException.validation("active (boolean) is required");
    }
    return config.setActive(subscriptionId, active).orElseThrow(HubSpotException::notFound);
  }

  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/subscriptions/post-webhooks-v3-appId-subscriptions-batch-update
  /**
   * {@code inputs[{id, active}]} → 200 {@code {status:"COMPLETE", results, startedAt, completedAt}}; ids
   * that do not exist → 207 with one {@code SUBSCRIPTION_ID_NOT_FOUND} error naming them.
   */
  @SuppressWarnings("unchecked")
  @PostMapping("/subscriptions/batch/update")
  ResponseEntity<Map<String, Object>> batchUpdate(@PathVariable long appId, @RequestBody Map<String, Object> body) {
    checkApp(appId);
    if (!(body.get("inputs") instanceof List<?> inputs)) {
      throw HubSpotException.validation("inputs is required");
    }
    String startedAt = HubSpotJson.ts(clock.now());
    List<Map<String, Object>> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Object o : inputs) {
      Map<String, Object> in = (Map<String, Object>) o;
      if (!(in.get("active") instanceof Boolean active) || in.get("id") == null) {
        throw HubSpotException.validation("each input needs id and active");
      }
      String id = String.valueOf(in.get("id"));
      Long parsed = ObjectStore.parseId(id);
      config.setActive(parsed == null ? -1 : parsed, active).ifPresentOrElse(results::add, () -> missing.add(id));
    }
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("status", "COMPLETE");
    res.put("results", results);
    if (!missing.isEmpty()) {
      // a StandardError, as the 207's errors[] of both versions' specs require (status, category, message, errors,
      // context, links): built by the one rule every batch endpoint's entries follow
      HubSpotException e = new HubSpotException(404, "SUBSCRIPTION_ID_NOT_FOUND",
          "Failed to find subscriptions by id `" + String.join("`, `", missing) + "`.",
          Map.of("subscriptionIds", missing), List.of());
      res.put("numErrors", 1);
      res.put("errors", List.of(HubSpotBatch.standardError(e)));
    }
    res.put("startedAt", startedAt);
    res.put("completedAt", HubSpotJson.ts(clock.now()));
    return ResponseEntity.status(missing.isEmpty() ? 200 : 207).body(res);
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
