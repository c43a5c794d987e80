package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.connectors.AssociationKind;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.EdgeWrite;
import dev.switchboard.app.connectors.EdgeWriteResult;
import dev.switchboard.app.connectors.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the associations of HubSpot objects as the spine's edges, for every pair of object kinds a type
 * declares ({@link HubSpotObjectType#associatedTypes()}): a contact's companies become edges labelled {@code company}
 * to canonical companies, a deal's contacts edges labelled {@code contact}, a deal's companies edges labelled
 * {@code company}, the primary one marked. The kinds are the table {@link HubSpotObjectKind} (path ⇄ vendor type ⇄
 * canonical type); an edge is labelled by its target's canonical type, and an association with an object of a kind
 * whose canonical type several kinds share (the engagements: {@code activity}) names the target's vendor type.
 *
 * <p>Which v4 association type id is plain and which primary comes from the portal's label catalogue
 * ({@link HubSpotAssociationLabels}), never from literals: the unlabeled {@code HUBSPOT_DEFINED} type is the plain
 * association, the {@code HUBSPOT_DEFINED} "Primary" one the primary — only for the pairs HubSpot has one for
 * ({@link HubSpotObjectKind#hasPrimary}: contact → company, deal → company); every other pair is plain only, and a
 * primary write for it is written plain. A portal's own ({@code USER_DEFINED}) labels are not part of the edge model
 * yet: a v4 read ignores them (an association that has only such a label is no edge), and no write makes or removes
 * one. v3 object reads carry type names, not ids ({@link #fromV3}): the pair's own name ({@code contact_to_company},
 * {@code deal_to_company}) is the Primary type where the pair has one, any other name plain.
 */
final class HubSpotAssociations {
  /** The v4 batch read takes 1,000 ids; we read the ids of one batch read (at most 100) at a time. */
  static final int MAX_READ = 1000;

  private final HubSpotClient client;
  private final HubSpotAssociationLabels labels;

  HubSpotAssociations(HubSpotClient client, HubSpotAssociationLabels labels) {
    this.client = client;
    this.labels = labels;
  }

  /**
   * The associations of {@code ids} (objects of {@code type}) with every type it declares: one v4 batch read per
   * associated type, and one more per page for an object with more than a page of them ({@code paging.next.after},
   * asked again as {@code {id, after}}). An id gets a list only when HubSpot said what it has: its results, or an
   * {@code OBJECT_NOT_FOUND} error naming it (none of that type). An id the answer says nothing certain about (another
   * error, a missing result) is left out — unknown — so that no edge is ended for an association merely not read.
   * Primary and plain are told by the type ids of the pair's label catalogue; an associated object whose types are
   * all outside it (a user-defined label only) is no edge. A catalogue that is refused, or names no plain or no
   * primary type, fails the read (a {@link dev.switchboard.app.connectors.VendorException}): no guess.
   */
  Map<String, List<SourceRecord.Association>> read(ConnectionContext connection, HubSpotObjectType type,
      List<String> ids) {
    Map<String, List<SourceRecord.Association>> out = new LinkedHashMap<>();
    java.util.Set<String> unknown = new java.util.LinkedHashSet<>();
    ids.forEach(id -> out.put(id, new ArrayList<>()));
    for (String toPath : type.associatedTypes()) {
      HubSpotAssociationLabels.Catalogue catalogue = labels.of(connection, type.path(), toPath).requireComplete();
      java.util.Set<String> answered = new java.util.HashSet<>();
      Map<String, String> pending = new LinkedHashMap<>(); // id → after ("" for the first page)
      for (String id : ids) {
        pending.put(id, "");
      }
      for (int round = 0; !pending.isEmpty() && round < 100; round++) {
        Map<String, String> next = new LinkedHashMap<>();
        List<Map.Entry<String, String>> all = new ArrayList<>(pending.entrySet());
        for (int from = 0; from < all.size(); from += MAX_READ) {
          List<Map.Entry<String, String>> chunk = all.subList(from, Math.min(all.size(), from + MAX_READ));
          JsonNode answer = client.batchReadAssociations(connection, type.path(), toPath, chunk);
          for (JsonNode r : answer.path("results")) {
            String id = HubSpotMapper.text(r.path("from").path("id"));
            List<SourceRecord.Association> found = out.get(id);
            if (found == null) {
              continue;
            }
            answered.add(id);
            for (JsonNode to : r.path("to")) {
              boolean primary = false;
              boolean edge = false;
              for (JsonNode t : to.path("associationTypes")) {
                String category = t.path("category").asString("");
                int typeId = t.path("typeId").asInt(-1);
                boolean isPrimary = catalogue.isPrimary(category, typeId);
                primary |= isPrimary;
                edge |= isPrimary || catalogue.isPlain(category, typeId);
              }
              if (edge) {
                add(found, toPath, HubSpotMapper.text(to.path("toObjectId")), primary);
              }
            }
            String after = r.path("paging").path("next").path("after").asString("");
            if (!after.isEmpty()) {
              next.put(id, after);
            }
          }
          for (JsonNode e : answer.path("errors")) {
            boolean none = "OBJECT_NOT_FOUND".equals(e.path("category").asString(""));
            for (JsonNode id : e.path("context").path("fromObjectId")) {
              if (none && out.containsKey(id.asString(""))) {
                answered.add(id.asString(""));
              }
            }
          }
        }
        pending = next;
      }
      Map<String, String> unread = pending; // more pages than we follow: not known whole
      ids.stream().filter(id -> !answered.contains(id) || unread.containsKey(id)).forEach(unknown::add);
    }
    unknown.forEach(out::remove);
    return out;
  }

  /**
   * The association kinds {@code type} keeps as edges: one per canonical type of its associated kinds, labelled by
   * it (the five engagement kinds are one kind, {@code activity}).
   */
  static List<AssociationKind> kinds(HubSpotObjectType type) {
    return type.associatedTypes().stream().map(p -> HubSpotObjectKind.of(p).canonicalType).distinct()
        .map(t -> new AssociationKind(t, t, false)).toList();
  }

  /**
   * Makes ({@code archive} false) or removes these associations of objects of {@code type}: one v4 batch call per
   * (from, to) pair. A write whose other end is of a kind {@code type} does not declare, or whose label is not that
   * kind's canonical type, is rejected ({@code unsupported}) without a call. A made association is of the
   * catalogue's "Primary" type (which brings the unlabeled one along) where the write is primary and the pair has one,
   * else of its unlabeled type; a write whose type the catalogue lacks is rejected ({@code association_type_unknown})
   * without a call. A removal
   * archives every type between the pair and needs no catalogue. One result per write: done when HubSpot's answer
   * lists the pair (a create) or names no error for its "from" object, rejected with the error's category otherwise.
   * A refused catalogue read fails the whole call (a {@link dev.switchboard.app.connectors.VendorException}).
   */
  List<EdgeWriteResult> write(ConnectionContext connection, HubSpotObjectType type, List<EdgeWrite> writes,
      boolean archive) {
    List<EdgeWriteResult> out = new ArrayList<>();
    Map<String, List<EdgeWrite>> byPair = new LinkedHashMap<>();
    HubSpotObjectKind from = HubSpotObjectKind.of(type.path());
    for (EdgeWrite w : writes) {
      HubSpotObjectKind to = HubSpotObjectKind.byVendorType(w.toType()).orElse(null);
      if (!from.vendorType.equals(w.fromType()) || to == null || !type.associatedTypes().contains(to.path)
          || !to.canonicalType.equals(w.label())) {
        out.add(new EdgeWriteResult.Rejected(w.ref(), "unsupported", "hubspot does not keep " + w.fromType() + " "
            + w.label() + " associations with " + w.toType()));
        continue;
      }
      byPair.computeIfAbsent(from.path + "/" + to.path, k -> new ArrayList<>()).add(w);
    }
    byPair.forEach((pair, all) -> {
      String[] types = pair.split("/");
      boolean primaryPair = from.hasPrimary(HubSpotObjectKind.of(types[1]));
      HubSpotAssociationLabels.Catalogue catalogue = archive ? null : labels.of(connection, types[0], types[1]);
      List<EdgeWrite> group = new ArrayList<>();
      for (EdgeWrite w : all) {
        boolean primary = primaryPair && w.primary();
        if (catalogue != null && (primary ? catalogue.primary() : catalogue.plain()) == null) {
          String lacks = catalogue.lacks(primary ? HubSpotAssociationLabels.PRIMARY_LABEL : "unlabeled");
          out.add(new EdgeWriteResult.Rejected(w.ref(), "association_type_unknown", lacks));
        } else {
          group.add(w);
        }
      }
      if (group.isEmpty()) {
        return;
      }
      ObjectNode body = HubSpotClient.JSON.createObjectNode();
      var inputs = body.putArray("inputs");
      for (EdgeWrite w : group) {
        ObjectNode in = inputs.addObject();
        in.putObject("from").put("id", w.fromId());
        if (archive) {
          in.putArray("to").addObject().put("id", w.toId());
        } else {
          in.putObject("to").put("id", w.toId());
          in.putArray("types").addObject().put("associationCategory", HubSpotAssociationLabels.HUBSPOT_DEFINED)
              .put("associationTypeId", primaryPair && w.primary() ? catalogue.primary() : catalogue.plain());
        }
      }
      HubSpotClient.HubSpotBatchResponse r = archive
          ? client.batchArchiveAssociations(connection, types[0], types[1], body)
          : client.batchCreateAssociations(connection, types[0], types[1], body);
      List<EdgeWriteResult> results = results(group, r, archive);
      if (!archive && primaryPair) {
        results = demoted(connection, types, catalogue, group, results);
      }
      out.addAll(results);
    });
    return out;
  }

  /**
   * A plain (non-primary) association of a pair with a Primary label (a contact's or deal's company) must not stay
   * primary at HubSpot: creating the unlabeled type leaves a "Primary" made before in place, and the next read would
   * report the company as primary again. The catalogue's "Primary" label is archived for those pairs (a no-op where there is none); a pair whose
   * label could not be archived is reported rejected, so that the write is tried again.
   */
  private List<EdgeWriteResult> demoted(ConnectionContext connection, String[] types,
      HubSpotAssociationLabels.Catalogue catalogue, List<EdgeWrite> group, List<EdgeWriteResult> created) {
    if (catalogue.primary() == null) {
      return created;
    }
    List<EdgeWrite> plain = group.stream().filter(w -> !w.primary()).toList();
    if (plain.isEmpty()) {
      return created;
    }
    ObjectNode body = HubSpotClient.JSON.createObjectNode();
    var inputs = body.putArray("inputs");
    for (EdgeWrite w : plain) {
      ObjectNode in = inputs.addObject();
      in.putObject("from").put("id", w.fromId());
      in.putObject("to").put("id", w.toId());
      in.putArray("types").addObject().put("associationCategory", HubSpotAssociationLabels.HUBSPOT_DEFINED)
          .put("associationTypeId", catalogue.primary());
    }
    Map<Long, EdgeWriteResult> labels = new HashMap<>();
    results(plain, client.batchArchiveAssociationLabels(connection, types[0], types[1], body), true)
        .forEach(r -> labels.put(r.ref(), r));
    return created.stream().map(r -> r instanceof EdgeWriteResult.Done && labels.get(r.ref())
        instanceof EdgeWriteResult.Rejected rejected ? rejected : r).toList();
  }

  private static List<EdgeWriteResult> results(List<EdgeWrite> group, HubSpotClient.HubSpotBatchResponse r,
      boolean archive) {
    java.util.Set<String> made = new java.util.HashSet<>();
    for (JsonNode p : r.body().path("results")) {
      made.add(HubSpotMapper.text(p.path("fromObjectId")) + "/" + HubSpotMapper.text(p.path("toObjectId")));
    }
    Map<String, String> errorByFrom = new HashMap<>();
    String anyError = r.status() >= 400 ? r.body().path("category").asString("http_" + r.status()) : null;
    for (JsonNode e : r.body().path("errors")) {
      String category = e.path("category").asString("error");
      anyError = anyError == null ? category : anyError;
      for (JsonNode ids : e.path("context")) {
        ids.forEach(id -> errorByFrom.putIfAbsent(id.asString(""), category));
      }
    }
    List<EdgeWriteResult> out = new ArrayList<>();
    for (EdgeWrite w : group) {
      String error = errorByFrom.get(w.fromId());
      boolean done = archive ? error == null && r.status() < 400 : made.contains(w.fromId() + "/" + w.toId());
      if (done) {
        out.add(new EdgeWriteResult.Done(w.ref()));
      } else {
        String code = error != null ? error : anyError != null ? anyError : "no_result";
        out.add(new EdgeWriteResult.Rejected(w.ref(), code, "hubspot refused the association (" + code + ")"));
      }
    }
    return out;
  }

  /**
   * The associations a v3 object carries ({@code associations: {companies: {results: [{id, type}]}}}): the type named
   * like the pair ({@code contact_to_company}) is the Primary one where the pair has one.
   */
  static List<SourceRecord.Association> fromV3(HubSpotObjectType type, JsonNode object) {
    List<SourceRecord.Association> found = new ArrayList<>();
    HubSpotObjectKind from = HubSpotObjectKind.of(type.path());
    for (String toPath : type.associatedTypes()) {
      HubSpotObjectKind to = HubSpotObjectKind.of(toPath);
      String primaryName = from.hasPrimary(to) ? from.v3PrimaryName(to) : null;
      Map<String, Boolean> primaryById = new LinkedHashMap<>();
      for (JsonNode a : object.path("associations").path(toPath).path("results")) {
        String id = HubSpotMapper.text(a.path("id"));
        boolean primary = primaryName != null && primaryName.equals(a.path("type").asString(""));
        primaryById.merge(id, primary, Boolean::logicalOr);
      }
      primaryById.forEach((id, primary) -> add(found, toPath, id, primary));
    }
    return found;
  }

  /** One association per other object, primary when any of its association types is. */
  private static void add(List<SourceRecord.Association> found, String toPath, String id, boolean primary) {
    if (id.isEmpty()) {
      return;
    }
    HubSpotObjectKind to = HubSpotObjectKind.of(toPath);
    String canonicalType = to.canonicalType;
    String vendorType = to.sharesCanonicalType() ? to.vendorType : null;
    for (int i = 0; i < found.size(); i++) {
      SourceRecord.Association a = found.get(i);
      if (a.externalId().equals(id) && a.targetType().equals(canonicalType)
          && java.util.Objects.equals(a.targetVendorType(), vendorType)) {
        found.set(i, new SourceRecord.Association(a.label(), canonicalType, id, a.primary() || primary, vendorType));
        return;
      }
    }
    found.add(new SourceRecord.Association(canonicalType, canonicalType, id, primary, vendorType));
  }
}
