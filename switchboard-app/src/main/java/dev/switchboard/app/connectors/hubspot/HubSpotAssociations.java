package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the associations of HubSpot objects as the spine's edges: a contact's companies become edges labelled
 * {@code company} to canonical companies, the primary one marked (HubSpot's association type 1, "Primary", named
 * {@code contact_to_company} in v3 answers; other types such as the unlabeled 279 are plain).
 *
 * <p>Association type ids and labels are HubSpot-defined for this pair; a portal's own labels between contacts and
 * companies are read as plain (non-primary) associations. Only the association kinds the object type declares
 * ({@link HubSpotObjectType#associatedTypes()}) are read.
 */
final class HubSpotAssociations {
  /** HubSpot-defined: a contact's (or deal's) primary company. */
  static final int PRIMARY_COMPANY = 1;
  static final String PRIMARY_COMPANY_V3 = "contact_to_company";
  /** The v4 batch read takes 1,000 ids; we read the ids of one batch read (at most 100) at a time. */
  static final int MAX_READ = 1000;

  private final HubSpotClient client;

  HubSpotAssociations(HubSpotClient client) {
    this.client = client;
  }

  /**
   * The associations of {@code ids} (objects of {@code type}) with every type it declares: one v4 batch read per
   * associated type. Every id gets a list (empty when HubSpot reports none).
   */
  Map<String, List<SourceRecord.Association>> read(ConnectionContext connection, HubSpotObjectType type,
      List<String> ids) {
    Map<String, List<SourceRecord.Association>> out = new LinkedHashMap<>();
    ids.forEach(id -> out.put(id, new ArrayList<>()));
    if (ids.isEmpty()) {
      return out;
    }
    for (String toPath : type.associatedTypes()) {
      for (int from = 0; from < ids.size(); from += MAX_READ) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_READ));
        JsonNode answer = client.batchReadAssociations(connection, type.path(), toPath, chunk);
        for (JsonNode r : answer.path("results")) {
          List<SourceRecord.Association> found = out.get(HubSpotMapper.text(r.path("from").path("id")));
          if (found == null) {
            continue;
          }
          for (JsonNode to : r.path("to")) {
            boolean primary = false;
            for (JsonNode t : to.path("associationTypes")) {
              primary |= t.path("typeId").asInt(0) == PRIMARY_COMPANY
                  && "HUBSPOT_DEFINED".equals(t.path("category").asString(""));
            }
            add(found, toPath, HubSpotMapper.text(to.path("toObjectId")), primary);
          }
        }
        // an id with none is an OBJECT_NOT_FOUND error of the 207 answer: its empty list says so
      }
    }
    return out;
  }

  /** The associations a v3 object carries ({@code associations: {companies: {results: [{id, type}]}}}). */
  static List<SourceRecord.Association> fromV3(HubSpotObjectType type, JsonNode object) {
    List<SourceRecord.Association> found = new ArrayList<>();
    for (String toPath : type.associatedTypes()) {
      Map<String, Boolean> primaryById = new HashMap<>();
      for (JsonNode a : object.path("associations").path(toPath).path("results")) {
        String id = HubSpotMapper.text(a.path("id"));
        boolean primary = PRIMARY_COMPANY_V3.equals(a.path("type").asString(""));
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
    String canonicalType = canonicalTypeOf(toPath);
    for (int i = 0; i < found.size(); i++) {
      SourceRecord.Association a = found.get(i);
      if (a.externalId().equals(id) && a.targetType().equals(canonicalType)) {
        found.set(i, new SourceRecord.Association(a.label(), canonicalType, id, a.primary() || primary));
        return;
      }
    }
    found.add(new SourceRecord.Association(canonicalType, canonicalType, id, primary));
  }

  static String canonicalTypeOf(String path) {
    return switch (path) {
      case "companies" -> HubSpotCompanyType.CANONICAL;
      case "contacts" -> dev.switchboard.app.canonical.CanonicalRecord.CONTACT;
      default -> throw new IllegalArgumentException("no canonical type for hubspot " + path);
    };
  }
}
