package dev.switchboard.sandbox.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The people a {@code POST /_sandbox/seed} request asks for, in one vendor-neutral shape
 * ({@code email, firstname, lastname, phone, company}): its explicit {@code records}, then {@code contacts: N}
 * generated ones. Generated people are deterministic ({@code seed-0001@example.com}, …) so that seeding two
 * vendors yields the same people in both — which is what identity resolution is meant to find.
 */
public final class SeedPeople {

  private SeedPeople() {}

  /**
   * @param lastName word in generated last names ("Contact", "Member", …)
   * @param next     the vendor's running seed number (so repeated seeds do not collide)
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> from(Map<String, Object> request, String lastName, IntSupplier next) {
    List<Map<String, Object>> records = new ArrayList<>();
    if (request.get("records") instanceof List<?> l) {
      l.forEach(r -> records.add((Map<String, Object>) r));
    }
    int n = request.get("contacts") instanceof Number num ? num.intValue() : 0;
    for (int i = 0; i < n; i++) {
      int k = next.getAsInt();
      String nr = String.format("%04d", k);
      records.add(Map.of("email", "seed-" + nr + "@example.com", "firstname", "Seed", "lastname", lastName + " " + nr,
          "phone", "+1555" + String.format("%07d", k), "company", "Seed Co " + (1 + k % 10)));
    }
    return records;
  }
}
