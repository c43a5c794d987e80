package dev.switchboard.sandbox.pipedrive;

import dev.switchboard.sandbox.support.ChangeClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * v1 endpoints: current user, the fixed sandbox pipelines/stages (pipeline 1 "Sales" with stages 1–4,
 * pipeline 2 "Partners" with stages 5–6, the same in every company), and webhooks (max 40), of the company the
 * request's credential reaches.
 */
@RestController
class PipedriveV1Controller {

  private static final String V1 = "/pipedrive/api/v1";
  private final ChangeClock clock;

  PipedriveV1Controller(ChangeClock clock) {
    this.clock = clock;
  }

  // https://developers.pipedrive.com/docs/api/v1/Users#getCurrentUser
  @GetMapping(V1 + "/users/me")
  Map<String, Object> me(@RequestAttribute(PipedriveGuardFilter.COMPANY) PipedriveCompany company) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", company.userId);
    m.put("name", company.userName);
    m.put("email", company.userEmail);
    m.put("default_currency", "USD");
    m.put("locale", "en_US");
    m.put("lang", 1);
    m.put("phone", null);
    m.put("activated", true);
    m.put("last_login", "2026-01-01 00:00:00");
    m.put("created", "2026-01-01 00:00:00");
    m.put("modified", "2026-01-01 00:00:00");
    m.put("has_created_company", true);
    m.put("access", List.of(Map.of("app", "sales", "admin", true, "permission_set_id", "sandbox-admin")));
    m.put("active_flag", true);
    m.put("timezone_name", "UTC");
    m.put("timezone_offset", "+00:00");
    m.put("role_id", 1);
    m.put("icon_url", null);
    m.put("is_you", true);
    m.put("is_admin", 1);
    m.put("company_id", company.companyId);
    m.put("company_name", company.companyName);
    m.put("company_domain", company.domain);
    m.put("company_country", "US");
    m.put("company_industry", "Software");
    m.put("language", Map.of("language_code", "en", "country_code", "US"));
    return PipedriveEnvelope.ok(m);
  }

  // https://developers.pipedrive.com/docs/api/v1/Pipelines#getPipelines
  @GetMapping(V1 + "/pipelines")
  Map<String, Object> pipelines() {
    return PipedriveEnvelope.ok(List.of(pipeline(1, "Sales", true), pipeline(2, "Partners", false)));
  }

  // https://developers.pipedrive.com/docs/api/v1/Stages#getStages
  @GetMapping(V1 + "/stages")
  Map<String, Object> stages(@RequestParam(name = "pipeline_id", required = false) Long pipelineId) {
    List<Map<String, Object>> all = List.of(stage(1, 1, "Qualified", 10), stage(2, 1, "Contact Made", 20),
        stage(3, 1, "Proposal Made", 50), stage(4, 1, "Negotiations Started", 80), stage(5, 2, "Intro", 20),
        stage(6, 2, "Signed", 90));
    return PipedriveEnvelope.ok(all.stream().filter(s -> pipelineId == null || pipelineId.equals(s.get("pipeline_id"))).toList());
  }

  // https://developers.pipedrive.com/docs/api/v1/Webhooks#getWebhooks
  @GetMapping(V1 + "/webhooks")
  Map<String, Object> listWebhooks(@RequestAttribute(PipedriveGuardFilter.COMPANY) PipedriveCompany company) {
    Map<String, Object> m = PipedriveEnvelope.ok(company.webhooks.all().stream().map(h -> h.render(company, clock.now())).toList());
    m.put("status", "ok");
    return m;
  }

  // https://developers.pipedrive.com/docs/api/v1/Webhooks#addWebhook
  @PostMapping(V1 + "/webhooks")
  ResponseEntity<Map<String, Object>> addWebhook(@RequestAttribute(PipedriveGuardFilter.COMPANY) PipedriveCompany company, @RequestBody Map<String, Object> body) {
    String url = str(body, "subscription_url");
    String action = str(body, "event_action");
    String object = str(body, "event_object");
    String version = body.get("version") == null ? "1.0" : String.valueOf(body.get("version"));
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw PipedriveException.bad("The field 'subscription_url' is required and must be a valid URL");
    }
    if (action == null || !Set.of("create", "change", "delete", "*").contains(action)) {
      throw PipedriveException.bad("The field 'event_action' must be one of: create, change, delete, *");
    }
    if (object == null || !Set.of("person", "organization", "deal", "activity", "*").contains(object)) {
      throw PipedriveException.bad("The field 'event_object' must be one of: person, organization, deal, activity, *");
    }
    if (!Set.of("1.0", "2.0").contains(version)) {
      throw PipedriveException.bad("The field 'version' must be one of: 1.0, 2.0");
    }
    PipedriveWebhook h = company.webhooks.add(url, action, object, str(body, "http_auth_user"), str(body, "http_auth_password"), version);
    Map<String, Object> m = PipedriveEnvelope.ok(h.render(company, clock.now()));
    m.put("status", "ok");
    return ResponseEntity.status(201).body(m);
  }

  // https://developers.pipedrive.com/docs/api/v1/Webhooks#deleteWebhook
  @DeleteMapping(V1 + "/webhooks/{id:\\d+}")
  Map<String, Object> deleteWebhook(@RequestAttribute(PipedriveGuardFilter.COMPANY) PipedriveCompany company, @PathVariable long id) {
    if (!company.webhooks.remove(id)) {
      throw PipedriveException.notFound("Webhook");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", true);
    m.put("status", "ok");
    return m;
  }

  private static String str(Map<String, Object> body, String key) {
    return body.get(key) instanceof String s ? s : null;
  }

  private static Map<String, Object> pipeline(long id, String name, boolean selected) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("url_title", name.toLowerCase());
    m.put("order_nr", id);
    m.put("active", true);
    m.put("deal_probability", true);
    m.put("add_time", "2026-01-01 00:00:00");
    m.put("update_time", "2026-01-01 00:00:00");
    m.put("selected", selected);
    return m;
  }

  private static Map<String, Object> stage(long id, long pipelineId, String name, int probability) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("order_nr", id);
    m.put("name", name);
    m.put("active_flag", true);
    m.put("deal_probability", probability);
    m.put("pipeline_id", pipelineId);
    m.put("rotten_flag", false);
    m.put("rotten_days", null);
    m.put("add_time", "2026-01-01 00:00:00");
    m.put("update_time", "2026-01-01 00:00:00");
    m.put("pipeline_name", pipelineId == 1 ? "Sales" : "Partners");
    m.put("pipeline_deal_probability", true);
    return m;
  }
}
