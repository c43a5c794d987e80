package dev.switchboard.sandbox.hubspot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * HubSpot's communication preferences (e-mail subscription types and statuses, {@link Subscriptions}), in the shapes of
 * HubSpot's public spec collection (Communication Preferences / Subscriptions, rollouts 147906 v3 and 176901 v4 and
 * 2026-03, whose v4 and 2026-03 schemas are equal):
 *
 * <ul>
 *   <li>v3 {@code GET /communication-preferences/v3/definitions} → {@code {subscriptionDefinitions:[…]}};</li>
 *   <li>v3 {@code GET /communication-preferences/v3/status/email/{emailAddress}} → {@code {recipient,
 *       subscriptionStatuses:[{id, name, description, status SUBSCRIBED|NOT_SUBSCRIBED, sourceOfStatus, …}]}};</li>
 *   <li>v3 {@code POST /communication-preferences/v3/subscribe|unsubscribe} {@code {emailAddress, subscriptionId,
 *       legalBasis?, legalBasisExplanation?}} → the {@code PublicSubscriptionStatus}; subscribing an address already
 *       subscribed, or that unsubscribed (the v3 API does not re-subscribe), and unsubscribing one already
 *       unsubscribed are 400 {@code VALIDATION_ERROR};</li>
 *   <li>v4 and 2026-03 {@code GET …/definitions} → {@code {status, results:[…], startedAt, completedAt}};</li>
 *   <li>v4 and 2026-03 {@code POST …/statuses/batch/read?channel=EMAIL} {@code {inputs:[e-mail…]}} → one
 *       {@code {subscriberIdString, statuses:[{channel, status SUBSCRIBED|UNSUBSCRIBED|NOT_SPECIFIED, subscriptionId,
 *       subscriptionName, timestamp, source, …}]}} per address, 207 with {@code errors} and {@code numErrors} for
 *       inputs that are no e-mail address. At most {@link #MAX_BATCH} inputs (the sandbox's limit; HubSpot's
 *       reference publishes none).</li>
 * </ul>
 *
 * Scopes (checked by {@link HubSpotGuardFilter} when the sandbox is given a private app's scopes):
 * {@code communication_preferences.read} or {@code .read_write} to read, {@code .write} or {@code .read_write} to
 * subscribe or unsubscribe, {@code communication_preferences.statuses.batch.read} for the batch read.
 */
@RestController
class CommunicationPreferencesController {

  static final int MAX_BATCH = 100;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final List<String> LEGAL_BASES = List.of("CONSENT_WITH_NOTICE", "LEGITIMATE_INTEREST_CLIENT",
      "LEGITIMATE_INTEREST_OTHER", "LEGITIMATE_INTEREST_PQL", "NON_GDPR", "PERFORMANCE_OF_CONTRACT",
      "PROCESS_AND_STORE");

  // https://developers.hubspot.com/docs/api-reference/legacy/communication-preferences/v3/get-definitions
  @GetMapping("/hubspot/communication-preferences/v3/definitions")
  Map<String, Object> definitionsV3(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal) {
    return Map.of("subscriptionDefinitions", definitions(portal));
  }

  @GetMapping({"/hubspot/communication-preferences/v4/definitions",
      "/hubspot/communication-preferences/2026-03/definitions"})
  Map<String, Object> definitions(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestParam(required = false) Long businessUnitId) {
    Instant now = portal.crm.clock.now();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "COMPLETE");
    m.put("results", businessUnitId != null && businessUnitId != 0 ? List.of() : definitions(portal));
    m.put("requestedAt", HubSpotJson.ts(now));
    m.put("startedAt", HubSpotJson.ts(now));
    m.put("completedAt", HubSpotJson.ts(now));
    return m;
  }

  // https://developers.hubspot.com/docs/api-reference/legacy/communication-preferences/v3/get-subscription
  @GetMapping("/hubspot/communication-preferences/v3/status/email/{emailAddress}")
  Map<String, Object> statusV3(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String emailAddress) {
    String email = checkedEmail(emailAddress);
    Subscriptions subs = portal.crm.subscriptions;
    Map<Long, Subscriptions.Status> of = subs.of(email);
    boolean optedOutOfAll = subs.optedOutOfAll(email);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Subscriptions.Definition d : subs.definitions()) {
      out.add(v3Status(d, of.get(d.id()), optedOutOfAll));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recipient", Subscriptions.key(email));
    m.put("subscriptionStatuses", out);
    return m;
  }

  // https://developers.hubspot.com/docs/api-reference/legacy/communication-preferences/v3/subscribe
  @PostMapping("/hubspot/communication-preferences/v3/subscribe")
  Map<String, Object> subscribe(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestBody Map<String, Object> body) {
    return change(portal, body, Subscriptions.SUBSCRIBED);
  }

  // https://developers.hubspot.com/docs/api-reference/legacy/communication-preferences/v3/unsubscribe
  @PostMapping("/hubspot/communication-preferences/v3/unsubscribe")
  Map<String, Object> unsubscribe(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestBody Map<String, Object> body) {
    return change(portal, body, Subscriptions.UNSUBSCRIBED);
  }

  // https://developers.hubspot.com/docs/api-reference/latest/communication-preferences/status/batch/get-subscriptions
  @PostMapping({"/hubspot/communication-preferences/v4/statuses/batch/read",
      "/hubspot/communication-preferences/2026-03/statuses/batch/read"})
  ResponseEntity<Map<String, Object>> batchRead(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @RequestParam(required = false) String channel, @RequestBody(required = false) Map<String, Object> body) {
    if (channel == null || channel.isBlank()) {
      throw HubSpotException.validation("Required request parameter 'channel' is not present");
    }
    if (!"EMAIL".equals(channel)) {
      throw HubSpotException.validation("Unable to process JSON: channel must be one of [EMAIL]");
    }
    if (body == null || !(body.get("inputs") instanceof List<?> inputs)) {
      throw HubSpotException.validation("Invalid input JSON: inputs is required");
    }
    if (inputs.size() > MAX_BATCH) {
      throw HubSpotException.validation("Batch size limit exceeded: at most " + MAX_BATCH + " inputs");
    }
    Instant started = portal.crm.clock.now();
    Subscriptions subs = portal.crm.subscriptions;
    List<Map<String, Object>> results = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (Object input : inputs) {
      String email = input == null ? "" : input.toString().trim();
      if (!EMAIL.matcher(email).matches()) {
        invalid.add(email);
        continue;
      }
      Map<Long, Subscriptions.Status> of = subs.of(email);
      List<Map<String, Object>> statuses = new ArrayList<>();
      for (Subscriptions.Definition d : subs.definitions()) {
        Subscriptions.Status s = of.get(d.id());
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("channel", "EMAIL");
        st.put("subscriberIdString", Subscriptions.key(email));
        st.put("subscriptionId", d.id());
        st.put("subscriptionName", d.name());
        st.put("status", s == null ? Subscriptions.NOT_SPECIFIED : s.status());
        st.put("source", s == null ? "NOT_SPECIFIED" : s.source());
        st.put("timestamp", HubSpotJson.ts(s == null ? subs.definitionsCreatedAt() : s.timestamp()));
        st.put("businessUnitId", 0);
        if (s != null && s.legalBasis() != null) {
          st.put("legalBasis", s.legalBasis());
          if (s.legalBasisExplanation() != null) {
            st.put("legalBasisExplanation", s.legalBasisExplanation());
          }
        }
        statuses.add(st);
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("subscriberIdString", Subscriptions.key(email));
      r.put("statuses", statuses);
      results.add(r);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "COMPLETE");
    m.put("results", results);
    m.put("requestedAt", HubSpotJson.ts(started));
    m.put("startedAt", HubSpotJson.ts(started));
    m.put("completedAt", HubSpotJson.ts(portal.crm.clock.now()));
    if (invalid.isEmpty()) {
      return ResponseEntity.ok(m);
    }
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("status", "error");
    error.put("category", "VALIDATION_ERROR");
    error.put("message", "Invalid email address");
    error.put("context", Map.of("ids", invalid));
    error.put("errors", List.of());
    error.put("links", Map.of());
    error.put("id", UUID.randomUUID().toString());
    m.put("errors", List.of(error));
    m.put("numErrors", 1);
    return ResponseEntity.status(207).body(m);
  }

  private static Map<String, Object> change(HubSpotPortal portal, Map<String, Object> body, String status) {
    Object rawEmail = body.get("emailAddress");
    Object rawId = body.get("subscriptionId");
    if (rawEmail == null || rawId == null) {
      throw HubSpotException.validation("Invalid input JSON: emailAddress and subscriptionId are required");
    }
    String email = checkedEmail(rawEmail.toString());
    Long id = ObjectStore.parseId(rawId.toString());
    Subscriptions subs = portal.crm.subscriptions;
    Subscriptions.Definition d = id == null ? null : subs.definition(id);
    if (d == null) {
      throw HubSpotException.validation("Subscription with id " + rawId + " does not exist");
    }
    String legalBasis = body.get("legalBasis") == null ? null : body.get("legalBasis").toString();
    if (legalBasis != null && !LEGAL_BASES.contains(legalBasis)) {
      throw HubSpotException.validation("legalBasis must be one of " + LEGAL_BASES);
    }
    Subscriptions.Status was = subs.of(email).get(d.id());
    if (Subscriptions.SUBSCRIBED.equals(status)) {
      if (was != null && Subscriptions.SUBSCRIBED.equals(was.status())) {
        throw HubSpotException.validation(Subscriptions.key(email) + " is already subscribed to subscription " + d.id());
      }
      if ((was != null && Subscriptions.UNSUBSCRIBED.equals(was.status())) || subs.optedOutOfAll(email)) {
        throw HubSpotException.validation(Subscriptions.key(email) + " has unsubscribed and cannot be resubscribed "
            + "through this API");
      }
    } else if (was != null && Subscriptions.UNSUBSCRIBED.equals(was.status())) {
      throw HubSpotException.validation(Subscriptions.key(email) + " is already unsubscribed from subscription "
          + d.id());
    }
    Object explanation = body.get("legalBasisExplanation");
    Subscriptions.Status s = subs.set(email, d.id(), status, "PUBLIC_API", "INTEGRATION", legalBasis,
        explanation == null ? null : explanation.toString());
    return v3Status(d, s, false);
  }

  private static Map<String, Object> v3Status(Subscriptions.Definition d, Subscriptions.Status s,
      boolean optedOutOfAll) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Long.toString(d.id()));
    m.put("name", d.name());
    m.put("description", d.description());
    m.put("status", !optedOutOfAll && s != null && Subscriptions.SUBSCRIBED.equals(s.status()) ? "SUBSCRIBED"
        : "NOT_SUBSCRIBED");
    m.put("sourceOfStatus", optedOutOfAll ? "PORTAL_WIDE_STATUS" : "SUBSCRIPTION_STATUS");
    m.put("brandId", 0);
    if (s != null && s.legalBasis() != null) {
      m.put("legalBasis", s.legalBasis());
      if (s.legalBasisExplanation() != null) {
        m.put("legalBasisExplanation", s.legalBasisExplanation());
      }
    }
    return m;
  }

  private static List<Map<String, Object>> definitions(HubSpotPortal portal) {
    Subscriptions subs = portal.crm.subscriptions;
    String at = HubSpotJson.ts(subs.definitionsCreatedAt());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Subscriptions.Definition d : subs.definitions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", Long.toString(d.id()));
      m.put("name", d.name());
      m.put("description", d.description());
      m.put("purpose", d.purpose());
      m.put("communicationMethod", "Email");
      m.put("isActive", true);
      m.put("isDefault", d.isDefault());
      m.put("isInternal", false);
      m.put("businessUnitId", 0);
      m.put("createdAt", at);
      m.put("updatedAt", at);
      out.add(m);
    }
    return out;
  }

  private static String checkedEmail(String email) {
    String e = email == null ? "" : email.trim();
    if (!EMAIL.matcher(e).matches()) {
      throw HubSpotException.validation("Invalid email address: " + e);
    }
    return e;
  }
}
