package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deal's ordered {@code lines} ⇄ the line items HubSpot associates with it (association types 19 deal → line item,
 * 20 back; plain, by the label catalogue).
 *
 * <p><b>Read.</b> The line items of up to 1,000 deals are found with one v4 association batch read, and read 100 a
 * call ({@code batch/read}); they are ordered by {@code hs_position_on_quote} where set, then by {@code createdate},
 * then by id, and numbered from 1.
 *
 * <p><b>Line ids.</b> A canonical line's {@code id} links it to a line item: the line item HubSpot id for a line first
 * read from this portal, and the canonical id a line already had for a line item Switchboard made — that one is kept
 * in the line item's unique {@code switchboard_id}, {@code d<deal id>#<line id>} ({@code d<deal id>@<position>} for a
 * line without an id), which is also what makes the create crash-safe: a create repeated after a crash upserts by the
 * same key and finds the line item the first attempt made. A line read back from a key with {@code #} keeps its
 * canonical id, so a line that came from another portal is the same line in both.
 *
 * <p><b>Write.</b> HubSpot ends holding exactly the golden lines: a golden line whose id is one of the deal's line item
 * ids, or whose key a line item of the deal carries, updates that line item (only when a mapped value differs); any
 * other golden line is upserted by its key and associated with the deal; a line item of the deal that no golden line
 * matched is archived when it is known (made by Switchboard, or a line of what HubSpot held as far as the spine knows);
 * an unknown one was added in HubSpot meanwhile and stays, to be read. Calls: one association read and one batch read per 100 line items to see what is there, then
 * at most one batch update, one batch upsert, one association batch create and one batch archive per 100 lines.
 */
final class HubSpotDealLines {
  static final String LINES = "lines";
  /** A line's canonical id and position (the spine's; neither is a line item property). */
  static final String ID = "id";
  static final String POSITION = "position";

  private final HubSpotClient client;
  private final HubSpotKeyProperty keyProperty;
  private final HubSpotAssociationLabels labels;
  private final HubSpotOwners owners;
  private final java.time.Clock clock;

  HubSpotDealLines(HubSpotClient client, HubSpotKeyProperty keyProperty, HubSpotAssociationLabels labels,
      HubSpotOwners owners, java.time.Clock clock) {
    this.client = client;
    this.keyProperty = keyProperty;
    this.labels = labels;
    this.owners = owners;
    this.clock = clock;
  }

  /**
   * Each deal's line items (objects with {@code id} and {@code properties}), in line order. A deal whose line items
   * HubSpot's answer did not account for (an error, more pages than followed) is left out: unknown, not "none".
   */
  Map<String, List<JsonNode>> read(ConnectionContext connection, List<String> dealIds) {
    Map<String, List<String>> idsByDeal = new LinkedHashMap<>();
    Set<String> known = new HashSet<>();
    for (int from = 0; from < dealIds.size(); from += HubSpotAssociations.MAX_READ) {
      Map<String, String> pending = new LinkedHashMap<>();
      dealIds.subList(from, Math.min(dealIds.size(), from + HubSpotAssociations.MAX_READ))
          .forEach(id -> pending.put(id, ""));
      for (int round = 0; !pending.isEmpty() && round < 100; round++) {
        JsonNode answer = client.batchReadAssociations(connection, "deals", HubSpotLineItemType.PATH,
            new ArrayList<>(pending.entrySet()));
        Map<String, String> next = new LinkedHashMap<>();
        for (JsonNode r : answer.path("results")) {
          String deal = HubSpotMapper.text(r.path("from").path("id"));
          if (!pending.containsKey(deal)) {
            continue;
          }
          known.add(deal);
          for (JsonNode to : r.path("to")) {
            idsByDeal.computeIfAbsent(deal, k -> new ArrayList<>()).add(HubSpotMapper.text(to.path("toObjectId")));
          }
          String after = r.path("paging").path("next").path("after").asString("");
          if (!after.isEmpty()) {
            next.put(deal, after);
          }
        }
        for (JsonNode e : answer.path("errors")) {
          if ("OBJECT_NOT_FOUND".equals(e.path("category").asString(""))) {
            e.path("context").path("fromObjectId").forEach(id -> {
              if (pending.containsKey(id.asString(""))) {
                known.add(id.asString(""));
              }
            });
          }
        }
        pending.clear();
        pending.putAll(next);
      }
      known.removeAll(pending.keySet());
    }
    List<String> itemIds = idsByDeal.values().stream().flatMap(List::stream).distinct().toList();
    Map<String, JsonNode> items = new LinkedHashMap<>();
    for (int from = 0; from < itemIds.size(); from += HubSpotConnector.MAX_BATCH) {
      JsonNode page = client.batchRead(connection, HubSpotLineItemType.PATH,
          itemIds.subList(from, Math.min(itemIds.size(), from + HubSpotConnector.MAX_BATCH)),
          HubSpotLineItemType.READ, List.of());
      for (JsonNode o : page.path("results")) {
        if (!o.path("archived").asBoolean(false)) {
          items.put(HubSpotMapper.text(o.path("id")), o);
        }
      }
    }
    Map<String, List<JsonNode>> out = new LinkedHashMap<>();
    for (String deal : dealIds) {
      if (known.contains(deal)) {
        List<JsonNode> mine = new ArrayList<>();
        idsByDeal.getOrDefault(deal, List.of()).stream().distinct().map(items::get).filter(Objects::nonNull)
            .forEach(mine::add);
        mine.sort(ORDER);
        out.put(deal, mine);
      }
    }
    return out;
  }

  /** Line order: {@code hs_position_on_quote} where set (first), then {@code createdate}, then numeric id. */
  static final Comparator<JsonNode> ORDER = Comparator
      .comparing((JsonNode o) -> decimal(o.path("properties").path(HubSpotLineItemType.POSITION)),
          Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(o -> HubSpotMapper.instant(o.path("properties").path(HubSpotLineItemType.CREATED)),
          Comparator.nullsLast(Comparator.<java.time.Instant>naturalOrder()))
      .thenComparing(o -> HubSpotMapper.text(o.path("id")), Comparator.comparingInt(String::length)
          .thenComparing(Comparator.naturalOrder()));

  /**
   * The canonical lines of a deal's line items (in line order), as line_item.yaml maps them with money in
   * {@code currency} (left out when null); an empty value is left out, and lines are numbered by their order.
   */
  static List<Map<String, Object>> compose(String dealId, List<JsonNode> items, @Nullable String currency) {
    HubSpotLineItemType type = HubSpotLineItemType.inCurrency(currency);
    List<Map<String, Object>> lines = new ArrayList<>();
    for (JsonNode item : items) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put(ID, lineId(dealId, item));
      type.toCanonical(item, Map.of()).fields().forEach((field, v) -> {
        if (v != null && !String.valueOf(v).isBlank() && !field.equals(POSITION)) {
          line.put(field, v);
        }
      });
      line.put(POSITION, (long) lines.size() + 1);
      lines.add(line);
    }
    return lines;
  }

  /** The canonical id of a line item's line: the id in its key when Switchboard made it with one, else its own id. */
  static String lineId(String dealId, JsonNode item) {
    String key = HubSpotMapper.text(item.path("properties").path(HubSpotKeyProperty.NAME));
    String prefix = "d" + dealId + "#";
    return key.startsWith(prefix) && key.length() > prefix.length() ? key.substring(prefix.length())
        : HubSpotMapper.text(item.path("id"));
  }

  /** The deal id in a line item's key ({@code d<deal id>#<line id>} or {@code d<deal id>@<position>}), else null. */
  static @Nullable String dealOfKey(String key) {
    int end = key.indexOf('#') > 0 ? key.indexOf('#') : key.indexOf('@');
    String deal = key.startsWith("d") && end > 1 ? key.substring(1, end) : "";
    return !deal.isEmpty() && deal.chars().allMatch(Character::isDigit) ? deal : null;
  }

  /** The unique key a golden line's line item carries in {@code switchboard_id}. */
  static String key(String dealId, Map<?, ?> line) {
    String id = line.get(ID) == null ? "" : String.valueOf(line.get(ID)).trim();
    return id.isEmpty() ? "d" + dealId + "@" + line.get(POSITION) : "d" + dealId + "#" + id;
  }

  /**
   * What to do to make a deal's line items the golden lines; {@code refused}: the positions of golden lines that
   * cannot be written as they are (a changed discount the quantity does not divide), left as HubSpot has them.
   */
  record Plan(Map<String, Map<?, ?>> updates, Map<String, Map<?, ?>> creates, List<String> archive,
      List<Object> refused) {
    boolean isEmpty() {
      return updates.isEmpty() && creates.isEmpty() && archive.isEmpty();
    }
  }

  /** Why a deal's lines were not all written: {@code code} as a write rejection's error code. */
  record Refusal(String code, String message) {}

  /**
   * The plan for one deal: {@code updates} by line item id (only those whose mapped values differ), {@code creates}
   * by key (a line's discount is left out of an update when HubSpot's total is already it, so a percentage line is not
   * turned into a unit one; a line whose changed discount is no exact unit discount is neither updated nor created but
   * {@code refused}), {@code archive} the ids of the unmatched line items that are known: made by Switchboard for this deal (they
   * carry its key) or among the lines of {@code held} (what HubSpot held as far as the spine knows, by line id; null:
   * none known). An unmatched line item not known was added in HubSpot after that — while this write was on its way —
   * and stays: it is a change to read, not one to undo.
   */
  static Plan diff(String dealId, List<?> golden, List<JsonNode> existing, @Nullable List<?> held) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    for (JsonNode e : existing) {
      byId.put(HubSpotMapper.text(e.path("id")), e);
      String key = HubSpotMapper.text(e.path("properties").path(HubSpotKeyProperty.NAME));
      if (!key.isEmpty()) {
        byKey.put(key, e);
      }
    }
    Set<String> matched = new HashSet<>();
    Map<String, Map<?, ?>> updates = new LinkedHashMap<>();
    Map<String, Map<?, ?>> creates = new LinkedHashMap<>();
    List<Object> refused = new ArrayList<>();
    for (Object o : golden) {
      if (!(o instanceof Map<?, ?> line)) {
        continue;
      }
      String id = line.get(ID) == null ? "" : String.valueOf(line.get(ID));
      String key = key(dealId, line);
      JsonNode found = byId.containsKey(id) && !matched.contains(id) ? byId.get(id) : byKey.get(key);
      if (found != null && matched.add(HubSpotMapper.text(found.path("id")))) {
        boolean discount = HubSpotLineItemType.totalDiscount(line)
            .compareTo(HubSpotLineItemType.totalDiscount(found.path("properties"))) != 0;
        Map<?, ?> write = !discount ? withoutDiscount(line) : line.containsKey(HubSpotLineItemType.DISCOUNT) ? line
            : withDiscount(line, ""); // a removed discount is cleared, not left alone
        if (discount && HubSpotLineItemType.unitDiscount(line).isEmpty()) {
          refused.add(line.get(POSITION)); // kept whole as HubSpot has it: no half-applied line
        } else if (discount || differs(write, found)) {
          updates.put(HubSpotMapper.text(found.path("id")), write);
        }
      } else if (HubSpotLineItemType.unitDiscount(line).isEmpty()) {
        refused.add(line.get(POSITION));
      } else {
        creates.put(key, line);
      }
    }
    Set<String> known = new HashSet<>();
    if (held != null) {
      held.forEach(l -> {
        if (l instanceof Map<?, ?> line && line.get(ID) != null) {
          known.add(String.valueOf(line.get(ID)));
        }
      });
    }
    List<String> archive = existing.stream().filter(e -> !matched.contains(HubSpotMapper.text(e.path("id"))))
        .filter(e -> ours(dealId, e) || known.contains(HubSpotMapper.text(e.path("id")))
            || known.contains(lineId(dealId, e)))
        .map(e -> HubSpotMapper.text(e.path("id"))).toList();
    return new Plan(updates, creates, archive, refused);
  }

  /** A line item Switchboard made as a line of this deal: it carries the deal's line key. */
  private static boolean ours(String dealId, JsonNode item) {
    String key = HubSpotMapper.text(item.path("properties").path(HubSpotKeyProperty.NAME));
    return key.startsWith("d" + dealId + "#") || key.startsWith("d" + dealId + "@");
  }

  private static Map<?, ?> withDiscount(Map<?, ?> line, Object discount) {
    Map<Object, Object> out = new LinkedHashMap<>(line);
    out.put(HubSpotLineItemType.DISCOUNT, discount);
    return out;
  }

  private static Map<?, ?> withoutDiscount(Map<?, ?> line) {
    Map<Object, Object> out = new LinkedHashMap<>(line);
    out.remove(HubSpotLineItemType.DISCOUNT);
    return out;
  }

  /** Whether a mapped value other than the discount (compared as a total by {@link #diff}) differs. */
  private static boolean differs(Map<?, ?> line, JsonNode item) {
    ObjectNode want = HubSpotLineItemType.INSTANCE.toProperties(record(withoutDiscount(line)), Map.of());
    JsonNode have = item.path("properties");
    for (var e : want.properties()) {
      String w = e.getValue().asString("");
      String h = HubSpotMapper.text(have.path(e.getKey()));
      BigDecimal wn = decimal(w);
      BigDecimal hn = decimal(h);
      boolean same = wn != null && hn != null ? wn.compareTo(hn) == 0 : w.equals(h);
      if (!same) {
        return true;
      }
    }
    return false;
  }

  /**
   * Makes HubSpot's line items of each deal ({@code deal id → golden lines}) exactly its lines. Answers, per deal,
   * null when done or why its lines were refused: {@code line_items_rejected} for a per-item error HubSpot named (the
   * deal then keeps its old line items), {@code discount_not_per_unit} for lines refused before any call (the rest of
   * the deal's lines are written all the same, and those lines stay as HubSpot has them); a refused call (429, 5xx, 401) is a
   * {@link dev.switchboard.app.connectors.VendorException}, and the deal's whole write is tried again (every step is
   * idempotent: the reading decides again what is left to do). {@code held}: per deal, the lines HubSpot held as far
   * as the spine knows (the link's snapshot; absent: none known); only those, and line items Switchboard made, are
   * ever archived ({@link #diff}).
   */
  Map<String, @Nullable Refusal> write(ConnectionContext connection, Map<String, List<?>> golden,
      Map<String, List<?>> held) {
    Map<String, @Nullable String> out = new LinkedHashMap<>();
    Map<String, Refusal> kept = new LinkedHashMap<>();
    if (golden.isEmpty()) {
      return Map.of();
    }
    Map<String, List<JsonNode>> existing = read(connection, new ArrayList<>(golden.keySet()));
    List<WriteRequest> updates = new ArrayList<>();
    List<WriteRequest> creates = new ArrayList<>();
    Map<String, List<String>> archiveOf = new LinkedHashMap<>();
    Map<Long, String> dealOf = new LinkedHashMap<>();
    long ref = 0;
    for (var e : golden.entrySet()) {
      String deal = e.getKey();
      out.put(deal, null);
      List<JsonNode> have = existing.get(deal);
      if (have == null) {
        out.put(deal, "line items of the deal could not be read");
        continue;
      }
      Plan plan = diff(deal, e.getValue(), have, held.get(deal));
      if (!plan.refused().isEmpty()) {
        kept.put(deal, new Refusal("discount_not_per_unit", "hubspot keeps a line's discount per unit: the quantity of "
            + "line " + plan.refused().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
            + " does not divide its discount exactly; kept as hubspot has it"));
      }
      for (var u : plan.updates().entrySet()) {
        dealOf.put(++ref, deal);
        updates.add(new WriteRequest(ref, u.getKey(), record(u.getValue()), null));
      }
      for (var c : plan.creates().entrySet()) {
        dealOf.put(++ref, deal);
        creates.add(new WriteRequest(ref, null, record(c.getValue()), c.getKey()));
      }
      archiveOf.put(deal, plan.archive());
    }
    HubSpotWrites writes = new HubSpotWrites(client, keyProperty, HubSpotLineItemType.INSTANCE, owners, clock);
    Map<String, String> createdDeal = new LinkedHashMap<>(); // line item id → deal
    for (List<WriteRequest> group : List.of(updates, creates)) {
      for (int from = 0; from < group.size(); from += HubSpotConnector.MAX_BATCH) {
        for (WriteResult r : writes.write(connection, Map.of(),
            group.subList(from, Math.min(group.size(), from + HubSpotConnector.MAX_BATCH)))) {
          String deal = dealOf.get(r.ref());
          if (r instanceof WriteResult.Rejected rejected) {
            if (out.get(deal) == null) { // the first refusal says why
              out.put(deal, "line item refused: " + rejected.errorCode() + " " + rejected.message());
            }
          } else if (r instanceof WriteResult.Written w && group == creates) {
            createdDeal.put(w.externalId(), deal);
          }
        }
      }
    }
    associate(connection, createdDeal, out);
    // only the deals whose every update, create and association went through lose their old line items: a deal left
    // half-written keeps them, so that its next read (which HubSpot's association events trigger) cannot take a
    // half-made set of lines for a change made in HubSpot and carry it to every other system
    List<String> archive = new ArrayList<>();
    archiveOf.forEach((deal, items) -> {
      if (out.get(deal) == null) {
        archive.addAll(items);
      }
    });
    for (int from = 0; from < archive.size(); from += HubSpotConnector.MAX_BATCH) {
      client.batchArchive(connection, HubSpotLineItemType.PATH,
          archive.subList(from, Math.min(archive.size(), from + HubSpotConnector.MAX_BATCH)));
    }
    Map<String, @Nullable Refusal> answer = new LinkedHashMap<>();
    out.forEach((deal, why) -> answer.put(deal, why != null ? new Refusal("line_items_rejected", why)
        : kept.get(deal)));
    return answer;
  }

  /** Associates created line items with their deals (the catalogue's unlabeled line item → deal type). */
  private void associate(ConnectionContext connection, Map<String, String> dealByItem,
      Map<String, @Nullable String> out) {
    if (dealByItem.isEmpty()) {
      return;
    }
    HubSpotAssociationLabels.Catalogue catalogue = labels.of(connection, HubSpotLineItemType.PATH, "deals")
        .requireComplete();
    List<Map.Entry<String, String>> all = new ArrayList<>(dealByItem.entrySet());
    for (int from = 0; from < all.size(); from += HubSpotConnector.MAX_BATCH) {
      List<Map.Entry<String, String>> chunk = all.subList(from, Math.min(all.size(), from + HubSpotConnector.MAX_BATCH));
      ObjectNode body = HubSpotClient.JSON.createObjectNode();
      var inputs = body.putArray("inputs");
      for (var e : chunk) {
        ObjectNode in = inputs.addObject();
        in.putObject("from").put("id", e.getKey());
        in.putObject("to").put("id", e.getValue());
        in.putArray("types").addObject().put("associationCategory", HubSpotAssociationLabels.HUBSPOT_DEFINED)
            .put("associationTypeId", catalogue.plain());
      }
      HubSpotClient.HubSpotBatchResponse r = client.batchCreateAssociations(connection, HubSpotLineItemType.PATH,
          "deals", body);
      Set<String> made = new HashSet<>();
      r.body().path("results").forEach(p -> made.add(HubSpotMapper.text(p.path("fromObjectId"))));
      for (var e : chunk) {
        if (!made.contains(e.getKey()) && out.get(e.getValue()) == null) {
          out.put(e.getValue(), "line item " + e.getKey() + " could not be associated with its deal (http "
              + r.status() + ")");
        }
      }
    }
  }

  private static CanonicalRecord record(Map<?, ?> line) {
    Map<String, Object> f = new LinkedHashMap<>();
    line.forEach((k, v) -> f.put(String.valueOf(k), v));
    return new CanonicalRecord(HubSpotLineItemType.INSTANCE.canonicalType(), f);
  }

  private static @Nullable BigDecimal decimal(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : decimal(HubSpotMapper.text(n));
  }

  private static @Nullable BigDecimal decimal(String s) {
    try {
      return s.isBlank() ? null : new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
