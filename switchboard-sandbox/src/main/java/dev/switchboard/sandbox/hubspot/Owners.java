package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One portal's owners (the users records can be assigned to through {@code hubspot_owner_id}): three active users
 * and one deactivated, seeded per portal with ids and e-mail domains of their own portal, in the owners spec's
 * {@code PublicOwner} shape. Read-only, as the owners API is. Owner ids are the portal id × 100 + n, user ids the
 * portal id × 1000 + n. https://developers.hubspot.com/docs/api-reference/latest/crm/owners/guide
 */
final class Owners {

  private static final String[][] PEOPLE = {
      {"Ava", "Reed", "false"}, {"Ben", "Ortiz", "false"}, {"Chloe", "Park", "false"}, {"Dan", "Archer", "true"}};

  private final long portalId;
  private final ChangeClock clock;
  private List<Map<String, Object>> owners = List.of();

  Owners(long portalId, ChangeClock clock) {
    this.portalId = portalId;
    this.clock = clock;
    reset();
  }

  synchronized void reset() {
    Instant at = clock.now();
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < PEOPLE.length; i++) {
      String[] p = PEOPLE[i];
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", Long.toString(portalId * 100 + i + 1));
      o.put("email", p[0].toLowerCase(Locale.ROOT) + "." + p[1].toLowerCase(Locale.ROOT) + "@portal" + portalId + ".example.com");
      o.put("type", "PERSON");
      o.put("firstName", p[0]);
      o.put("lastName", p[1]);
      o.put("userId", portalId * 1000 + i + 1);
      o.put("userIdIncludingInactive", portalId * 1000 + i + 1);
      o.put("createdAt", HubSpotJson.ts(at));
      o.put("updatedAt", HubSpotJson.ts(at));
      o.put("archived", Boolean.parseBoolean(p[2]));
      o.put("teams", List.of(Map.of("id", Long.toString(portalId * 10 + 1), "name", "Sales", "primary", true)));
      out.add(o);
    }
    owners = List.copyOf(out);
  }

  /** Owners with the given archived flag and, if given, e-mail (case-insensitive), in id order. */
  synchronized List<Map<String, Object>> list(boolean archived, String email) {
    return owners.stream().filter(o -> Boolean.valueOf(archived).equals(o.get("archived")))
        .filter(o -> email == null || email.isBlank() || ((String) o.get("email")).equalsIgnoreCase(email.trim()))
        .map(LinkedHashMap::new).map(m -> (Map<String, Object>) m).toList();
  }

  /** One owner by {@code id} or, with {@code idProperty=userId}, by user id; null if none matches. */
  synchronized Map<String, Object> get(String id, String idProperty, boolean archived) {
    String field = "userId".equals(idProperty) ? "userId" : "id";
    return owners.stream().filter(o -> String.valueOf(o.get(field)).equals(id))
        .filter(o -> Boolean.valueOf(archived).equals(o.get("archived")))
        .findFirst().map(o -> (Map<String, Object>) new LinkedHashMap<>(o)).orElse(null);
  }

  /** The ids of the active owners, in order (seeding assigns records to them). */
  synchronized List<String> activeIds() {
    return list(false, null).stream().map(o -> (String) o.get("id")).toList();
  }
}
