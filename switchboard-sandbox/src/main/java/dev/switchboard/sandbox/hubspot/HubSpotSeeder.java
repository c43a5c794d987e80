package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.control.SeedPeople;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills one portal for {@code POST /_sandbox/seed {vendor:"hubspot", …}}: {@code contacts:N} / {@code records}
 * (the shared seed people), {@code companies:N} ("Seed Co 1" …, the companies the seed people work for),
 * {@code products:N}, {@code deals:N} (each with {@code lineItemsPerDeal} line items, default 2, made from the
 * portal's products — three are seeded first if it has none — and an amount that is their sum), and the
 * engagements {@code notes, calls, meetings, emails, tasks: N}. Unless {@code associate:false}, records are
 * associated the way a real portal has them: each seeded contact with the company named in its {@code company}
 * property (as its primary company), each deal with a company and a contact, each engagement with a contact (or a
 * company) and, if there are deals, a deal — round robin over what the portal holds. Everything is deterministic,
 * so two seeds of two portals hold the same data under different ids. {@code marketingOptIns:N} subscribes the first
 * N seeded contacts to the default "Marketing Information" type ({@link Subscriptions}), with consent recorded.
 */
final class HubSpotSeeder {

  private static final List<ObjectType> ENGAGEMENTS =
      List.of(ObjectType.NOTES, ObjectType.CALLS, ObjectType.MEETINGS, ObjectType.EMAILS, ObjectType.TASKS);

  private final HubSpotPortal portal;
  private final CrmData crm;
  private final String source;
  private final Map<String, Object> request;
  private final Map<String, List<String>> created = new LinkedHashMap<>();
  private int associations;

  HubSpotSeeder(HubSpotPortal portal, Map<String, Object> request) {
    this.portal = portal;
    this.crm = portal.crm;
    this.request = request;
    this.source = Boolean.TRUE.equals(request.get("fireWebhooks")) ? "INTEGRATION" : null;
  }

  private int count(String field) {
    return request.get(field) instanceof Number n ? Math.max(0, n.intValue()) : 0;
  }

  private boolean associate() {
    return !Boolean.FALSE.equals(request.get("associate"));
  }

  /** Seeds what the request asks for; the summary names every created record id per type. */
  Map<String, Object> seed() {
    int companies = count("companies");
    for (int i = 1; i <= companies; i++) {
      create(ObjectType.COMPANIES, Map.of("name", "Seed Co " + i, "domain", "seed-co-" + i + ".example.com",
          "city", "Springfield", "industry", "Software", "numberofemployees", Integer.toString(10 * i)));
    }
    int optIns = count("marketingOptIns");
    for (Map<String, Object> person : SeedPeople.from(request, "Contact", portal::nextSeed)) {
      CrmObject c = create(ObjectType.CONTACTS, person);
      if (optIns > 0 && c.props.get("email") != null) {
        optIns--; // opted in to the portal's default marketing type, as through a form with consent
        crm.subscriptions.set(c.props.get("email"), Subscriptions.DEFAULTS.getFirst().id(), Subscriptions.SUBSCRIBED,
            "FORM", source, "CONSENT_WITH_NOTICE", "Opted in on the sign-up form");
      }
      if (associate() && c.props.get("company") != null) {
        CrmObject company = crm.store(ObjectType.COMPANIES).list(x -> !x.archived && c.props.get("company")
            .equals(x.props.get("name"))).stream().findFirst().orElse(null);
        if (company != null) {
          link(ObjectType.CONTACTS, c.id, ObjectType.COMPANIES, company.id, 1); // primary, which brings 279 along
        }
      }
    }
    int products = count("products");
    int deals = count("deals");
    if (deals > 0 && products == 0 && live(ObjectType.PRODUCTS).isEmpty()) {
      products = 3;
    }
    for (int i = 1; i <= products; i++) {
      create(ObjectType.PRODUCTS, Map.of("name", "Seed Product " + i, "price", Integer.toString(100 * i),
          "hs_sku", "SEED-" + i, "description", "Seeded product " + i));
    }
    int perDeal = request.get("lineItemsPerDeal") instanceof Number n ? Math.max(0, n.intValue()) : 2;
    for (int i = 1; i <= deals; i++) {
      seedDeal(i, perDeal);
    }
    for (ObjectType type : ENGAGEMENTS) {
      for (int i = 1; i <= count(type.plural); i++) {
        seedEngagement(type, i);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("vendor", "hubspot");
    out.put("portalId", portal.portalId);
    out.put("created", created.values().stream().mapToInt(List::size).sum());
    out.put("ids", created.getOrDefault("contacts", List.of()));
    out.put("objects", created);
    out.put("associations", associations);
    return out;
  }

  private void seedDeal(int i, int lineItems) {
    List<String> stages = crm.pipelines.stageIds(Pipelines.DEFAULT_ID);
    List<String> owners = crm.owners.activeIds();
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("dealname", "Seed Deal " + i);
    props.put("pipeline", Pipelines.DEFAULT_ID);
    props.put("dealstage", stages.get((i - 1) % stages.size()));
    props.put("closedate", HubSpotJson.ts(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(86_400L * i)));
    props.put("hubspot_owner_id", owners.get((i - 1) % owners.size()));
    CrmObject deal = create(ObjectType.DEALS, props);
    List<CrmObject> products = live(ObjectType.PRODUCTS);
    java.math.BigDecimal amount = java.math.BigDecimal.ZERO;
    for (int k = 0; k < lineItems && !products.isEmpty(); k++) {
      CrmObject product = products.get((i + k - 1) % products.size());
      CrmObject item = create(ObjectType.LINE_ITEMS, Map.of("hs_product_id", Long.toString(product.id),
          "quantity", Integer.toString(k + 1)));
      amount = amount.add(new java.math.BigDecimal(item.props.getOrDefault("amount", "0")));
      link(ObjectType.LINE_ITEMS, item.id, ObjectType.DEALS, deal.id, null); // a line item always belongs to its deal
    }
    if (lineItems > 0 && !products.isEmpty()) {
      crm.store(ObjectType.DEALS).update(deal.id, Map.of("amount", amount.stripTrailingZeros().toPlainString()), source);
    }
    if (associate()) {
      pick(ObjectType.COMPANIES, i).ifPresent(c -> link(ObjectType.DEALS, deal.id, ObjectType.COMPANIES, c.id, 5));
      pick(ObjectType.CONTACTS, i).ifPresent(c -> link(ObjectType.DEALS, deal.id, ObjectType.CONTACTS, c.id, null));
    }
  }

  private void seedEngagement(ObjectType type, int i) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("hs_timestamp", HubSpotJson.ts(Instant.parse("2026-01-01T09:00:00Z").plusSeconds(3_600L * i)));
    props.put("hubspot_owner_id", crm.owners.activeIds().get((i - 1) % crm.owners.activeIds().size()));
    switch (type) {
      case NOTES -> props.put("hs_note_body", "Seed note " + i);
      case CALLS -> {
        props.put("hs_call_title", "Seed call " + i);
        props.put("hs_call_direction", "OUTBOUND");
        props.put("hs_call_status", "COMPLETED");
        props.put("hs_call_duration", Integer.toString(60_000 * i));
      }
      case MEETINGS -> {
        props.put("hs_meeting_title", "Seed meeting " + i);
        props.put("hs_meeting_outcome", "SCHEDULED");
      }
      case EMAILS -> {
        props.put("hs_email_subject", "Seed email " + i);
        props.put("hs_email_direction", "EMAIL");
        props.put("hs_email_status", "SENT");
      }
      default -> {
        props.put("hs_task_subject", "Seed task " + i);
        props.put("hs_task_status", "NOT_STARTED");
        props.put("hs_task_priority", "MEDIUM");
        props.put("hs_task_type", "TODO");
      }
    }
    CrmObject e = create(type, props);
    if (associate()) {
      pick(ObjectType.CONTACTS, i).or(() -> pick(ObjectType.COMPANIES, i))
          .ifPresent(o -> link(o.type, o.id, type, e.id, null));
      pick(ObjectType.DEALS, i).ifPresent(d -> link(ObjectType.DEALS, d.id, type, e.id, null));
    }
  }

  private CrmObject create(ObjectType type, Map<String, ?> props) {
    CrmObject c = crm.store(type).create(props, source);
    created.computeIfAbsent(type.plural, k -> new ArrayList<>()).add(Long.toString(c.id));
    return c;
  }

  private List<CrmObject> live(ObjectType type) {
    return crm.store(type).list(c -> !c.archived);
  }

  /** The i-th live record of the type, round robin. */
  private java.util.Optional<CrmObject> pick(ObjectType type, int i) {
    List<CrmObject> all = live(type);
    return all.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(all.get((i - 1) % all.size()));
  }

  /** Associates two records with a HubSpot-defined type id, or the pair's default when {@code typeId} is null. */
  private void link(ObjectType from, long fromId, ObjectType to, long toId, Integer typeId) {
    Associations.End a = new Associations.End(from, fromId);
    Associations.End b = new Associations.End(to, toId);
    if (typeId == null) {
      crm.associations.associateDefault(a, b, source);
    } else {
      crm.associations.associate(a, b, List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", typeId)),
          source);
    }
    associations++;
  }
}
