package dev.switchboard.app.connectors.hubspot;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Every HubSpot CRM object type the project syncs, named three ways: the path segment of HubSpot's object and
 * association APIs ({@code line_items}), the vendor type links, jobs and edge writes use (HubSpot's singular name, as
 * its webhook event types and v3 association type names spell it: {@code line_item}), and the canonical type its
 * objects are records of. The engagements are five vendor types of one canonical type, {@code activity}. HubSpot's
 * object type ids ({@code 0-3}) are what webhooks' {@code objectTypeId} and the label catalogue carry.
 *
 * <p>This table is what associations are read and written by ({@link HubSpotAssociations}): an association is
 * between two kinds, labelled by the canonical type of its target, primary only for the pairs HubSpot has a
 * HUBSPOT_DEFINED "Primary" label for ({@link #hasPrimary}: contact → company, deal → company). Ids:
 * https://developers.hubspot.com/docs/guides/crm/using-object-apis (object type ids) and the v4 associations guide.
 */
enum HubSpotObjectKind {
  CONTACTS("contacts", "contact", "contact", "0-1"),
  COMPANIES("companies", "company", "company", "0-2"),
  DEALS("deals", "deal", "deal", "0-3"),
  PRODUCTS("products", "product", "product", "0-7"),
  /** A deal's line: the canonical child type {@code line_item}; HubSpot keeps it as an object of its own. */
  LINE_ITEMS("line_items", "line_item", "line_item", "0-8"),
  TASKS("tasks", "task", "activity", "0-27"),
  NOTES("notes", "note", "activity", "0-46"),
  MEETINGS("meetings", "meeting", "activity", "0-47"),
  CALLS("calls", "call", "activity", "0-48"),
  EMAILS("emails", "email", "activity", "0-49");

  /** (from path, to path) of the pairs whose catalogue has a HUBSPOT_DEFINED "Primary" label. */
  private static final Set<String> PRIMARY_PAIRS = Set.of("contacts/companies", "deals/companies");

  /** Path segment of the CRM APIs ({@code line_items}). */
  final String path;
  /** Vendor type ({@code line_item}): HubSpot's singular name. */
  final String vendorType;
  /** Canonical type of its records ({@code activity} for every engagement). */
  final String canonicalType;
  /** HubSpot's object type id ({@code 0-8}). */
  final String objectTypeId;

  HubSpotObjectKind(String path, String vendorType, String canonicalType, String objectTypeId) {
    this.path = path;
    this.vendorType = vendorType;
    this.canonicalType = canonicalType;
    this.objectTypeId = objectTypeId;
  }

  static Optional<HubSpotObjectKind> byPath(String path) {
    return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
  }

  static Optional<HubSpotObjectKind> byVendorType(String vendorType) {
    return Arrays.stream(values()).filter(k -> k.vendorType.equals(vendorType)).findFirst();
  }

  static Optional<HubSpotObjectKind> byObjectTypeId(String objectTypeId) {
    return Arrays.stream(values()).filter(k -> k.objectTypeId.equals(objectTypeId)).findFirst();
  }

  /** The kind of a path the connector uses; an unknown path is a programming error. */
  static HubSpotObjectKind of(String path) {
    return byPath(path).orElseThrow(() -> new IllegalArgumentException("no hubspot object kind for " + path));
  }

  /** Whether HubSpot has a "Primary" label from this kind to {@code to} (a contact's or deal's primary company). */
  boolean hasPrimary(HubSpotObjectKind to) {
    return PRIMARY_PAIRS.contains(path + "/" + to.path);
  }

  /**
   * Whether its canonical type is held by other kinds too (the engagements): an association with one of its objects
   * must then name its vendor type, since the canonical type does not tell which one it is.
   */
  boolean sharesCanonicalType() {
    return Arrays.stream(values()).anyMatch(k -> k != this && k.canonicalType.equals(canonicalType));
  }

  /**
   * The name a v3 object read gives the association type ({@code deal_to_company}): for a pair with a Primary label
   * it is the primary type (the unlabeled one is {@code deal_to_company_unlabeled}).
   */
  String v3PrimaryName(HubSpotObjectKind to) {
    return vendorType + "_to_" + to.vendorType;
  }
}
