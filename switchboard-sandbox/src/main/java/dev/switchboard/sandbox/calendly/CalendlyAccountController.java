package dev.switchboard.sandbox.calendly;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users, organizations, memberships and event types of the caller's organization; another organization's are not
 * found. Single resources are wrapped in {@code {"resource": …}}.
 */
@RestController
class CalendlyAccountController {

  // https://developer.calendly.com/api-docs/calendly-api/users/get-current-user
  @GetMapping("/calendly/users/me")
  Map<String, Object> me(@RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    return Map.of("resource", org.user());
  }

  // https://developer.calendly.com/api-docs/calendly-api/users/get-user
  @GetMapping("/calendly/users/{uuid}")
  Map<String, Object> user(@PathVariable String uuid,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    if (!uuid.equals(org.userUuid)) {
      throw CalendlyException.notFound();
    }
    return Map.of("resource", org.user());
  }

  // https://developer.calendly.com/api-docs/calendly-api/organizations/get-organization
  @GetMapping("/calendly/organizations/{uuid}")
  Map<String, Object> organization(@PathVariable String uuid,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    if (!uuid.equals(org.orgUuid)) {
      throw CalendlyException.notFound();
    }
    return Map.of("resource", org.organization());
  }

  // https://developer.calendly.com/api-docs/calendly-api/organizations/list-organization-memberships
  @GetMapping("/calendly/organization_memberships")
  Map<String, Object> memberships(@RequestParam(required = false) String user,
      @RequestParam(required = false) String organization, @RequestParam(required = false) String email,
      @RequestParam(required = false) Integer count, @RequestParam(name = "page_token", required = false) String pageToken,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    if (user == null && organization == null) {
      throw CalendlyException.invalid("organization", "user or organization is required");
    }
    boolean match = org.isUserOrNull(user) && org.isOrgOrNull(organization)
        && (email == null || email.equalsIgnoreCase(org.email));
    return CalendlyPaging.page(match ? List.of(org.membership()) : List.of(), count, pageToken);
  }

  // https://developer.calendly.com/api-docs/calendly-api/organizations/get-organization-membership
  @GetMapping("/calendly/organization_memberships/{uuid}")
  Map<String, Object> membership(@PathVariable String uuid,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    Map<String, Object> m = org.membership();
    if (!uuid.equals(CalendlyUris.id(m.get("uri")))) {
      throw CalendlyException.notFound();
    }
    return Map.of("resource", m);
  }

  // https://developer.calendly.com/api-docs/calendly-api/event-types/list-event-types
  @GetMapping("/calendly/event_types")
  Map<String, Object> eventTypes(@RequestParam(required = false) String user,
      @RequestParam(required = false) String organization, @RequestParam(required = false) Boolean active,
      @RequestParam(required = false) String sort, @RequestParam(required = false) Integer count,
      @RequestParam(name = "page_token", required = false) String pageToken,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    if (user == null && organization == null) {
      throw CalendlyException.invalid("organization", "user or organization is required");
    }
    CalendlyPaging.count(count);
    boolean owner = org.isUserOrNull(user) && org.isOrgOrNull(organization);
    List<Map<String, Object>> all = !owner ? List.of() : org.eventTypes().stream()
        .filter(et -> active == null || active.equals(et.get("active")))
        .sorted(comparator(sort)).toList();
    return CalendlyPaging.page(all, count, pageToken);
  }

  private static Comparator<Map<String, Object>> comparator(String sort) {
    String s = sort == null ? "name:asc" : sort;
    String[] p = s.split(":");
    if (p.length != 2 || !List.of("name", "position", "created_at", "updated_at").contains(p[0])
        || !List.of("asc", "desc").contains(p[1])) {
      throw CalendlyException.invalid("sort", "is invalid");
    }
    Comparator<Map<String, Object>> c = Comparator.comparing(m -> String.valueOf(m.get(p[0])));
    if (p[0].equals("position")) {
      c = Comparator.comparingInt(m -> ((Number) m.get("position")).intValue());
    }
    return p[1].equals("desc") ? c.reversed() : c;
  }

  // https://developer.calendly.com/api-docs/calendly-api/event-types/get-event-type
  @GetMapping("/calendly/event_types/{uuid}")
  Map<String, Object> eventType(@PathVariable String uuid,
      @RequestAttribute(CalendlyGuardFilter.ORG) CalendlyOrg org) {
    return Map.of("resource", org.eventType(uuid));
  }
}
