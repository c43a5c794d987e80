package dev.switchboard.sandbox.hubspot;

import static dev.switchboard.sandbox.hubspot.ObjectType.CALLS;
import static dev.switchboard.sandbox.hubspot.ObjectType.COMPANIES;
import static dev.switchboard.sandbox.hubspot.ObjectType.CONTACTS;
import static dev.switchboard.sandbox.hubspot.ObjectType.DEALS;
import static dev.switchboard.sandbox.hubspot.ObjectType.EMAILS;
import static dev.switchboard.sandbox.hubspot.ObjectType.LINE_ITEMS;
import static dev.switchboard.sandbox.hubspot.ObjectType.MEETINGS;
import static dev.switchboard.sandbox.hubspot.ObjectType.NOTES;
import static dev.switchboard.sandbox.hubspot.ObjectType.TASKS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HubSpot's own ({@code HUBSPOT_DEFINED}) association types between the emulated object types: for each ordered
 * pair its unlabeled default type and its labeled ones (the "Primary" company of a contact or deal, a company's
 * parent and child), each with its inverse in the other direction. The ids are HubSpot's: its docs' table of
 * association type ids, also published as the {@code AssociationTypes} enum of HubSpot's official Node client
 * (hubspot-api-nodejs {@code src/enums/AssociationTypes.ts}), e.g. contact → company 279 unlabeled and 1 primary,
 * deal → contact 3, deal → line item 19. Products have none: a line item refers to its product by
 * {@code hs_product_id}. https://developers.hubspot.com/docs/api-reference/latest/crm/associations/associations-v4/guide
 */
final class AssociationTypes {

  /**
   * One association type of one direction. {@code v3Name} is the {@code type} the v3 objects API reports for it
   * in {@code associations} ({@code contact_to_company}, {@code contact_to_company_unlabeled}).
   */
  record Type(ObjectType from, ObjectType to, int id, String label, String v3Name, boolean primary) {}

  private static final Map<Integer, Type> BY_ID = new HashMap<>();
  private static final Map<Integer, Integer> INVERSE = new HashMap<>();
  private static final Map<String, Integer> DEFAULTS = new HashMap<>();

  static {
    // pairs with a primary label: unlabeled type and its inverse, primary type and its inverse
    primaryPair(CONTACTS, COMPANIES, 279, 280, 1, 2);
    primaryPair(DEALS, COMPANIES, 341, 342, 5, 6);
    plain(DEALS, CONTACTS, 3, 4);
    plain(DEALS, LINE_ITEMS, 19, 20);
    plain(CONTACTS, CONTACTS, 449, 449);
    plain(COMPANIES, COMPANIES, 450, 450);
    plain(DEALS, DEALS, 451, 451);
    labeled(COMPANIES, COMPANIES, 13, 14, "Parent Company", "Child Company", "parent_to_child_company", "child_to_parent_company");
    // engagements: {company, contact, deal} → {call, email, meeting, note, task} and back
    int[][] engagementIds = {
        {181, 182, 185, 186, 187, 188, 189, 190, 191, 192},   // company
        {193, 194, 197, 198, 199, 200, 201, 202, 203, 204},   // contact
        {205, 206, 209, 210, 211, 212, 213, 214, 215, 216}};  // deal
    ObjectType[] owners = {COMPANIES, CONTACTS, DEALS};
    ObjectType[] engagements = {CALLS, EMAILS, MEETINGS, NOTES, TASKS};
    for (int o = 0; o < owners.length; o++) {
      for (int e = 0; e < engagements.length; e++) {
        plain(owners[o], engagements[e], engagementIds[o][2 * e], engagementIds[o][2 * e + 1]);
      }
    }
    plain(CALLS, MEETINGS, 399, 400);
  }

  private AssociationTypes() {}

  private static void add(Type t, int inverse) {
    BY_ID.put(t.id(), t);
    INVERSE.put(t.id(), inverse);
  }

  private static String name(ObjectType from, ObjectType to) {
    return from.singular + "_to_" + to.singular;
  }

  private static void plain(ObjectType a, ObjectType b, int ab, int ba) {
    add(new Type(a, b, ab, null, name(a, b), false), ba);
    add(new Type(b, a, ba, null, name(b, a), false), ab);
    DEFAULTS.put(a + ">" + b, ab);
    DEFAULTS.put(b + ">" + a, ba);
  }

  private static void primaryPair(ObjectType a, ObjectType b, int ab, int ba, int abPrimary, int baPrimary) {
    add(new Type(a, b, ab, null, name(a, b) + "_unlabeled", false), ba);
    add(new Type(b, a, ba, null, name(b, a) + "_unlabeled", false), ab);
    add(new Type(a, b, abPrimary, "Primary", name(a, b), true), baPrimary);
    add(new Type(b, a, baPrimary, "Primary", name(b, a), true), abPrimary);
    DEFAULTS.put(a + ">" + b, ab);
    DEFAULTS.put(b + ">" + a, ba);
  }

  private static void labeled(ObjectType a, ObjectType b, int ab, int ba, String abLabel, String baLabel, String abName,
      String baName) {
    add(new Type(a, b, ab, abLabel, abName, false), ba);
    add(new Type(b, a, ba, baLabel, baName, false), ab);
  }

  /** The HubSpot-defined type with this id, or null. */
  static Type byId(int id) {
    return BY_ID.get(id);
  }

  /** The type id of the other direction (HubSpot-defined types only), or null. */
  static Integer inverse(int id) {
    return INVERSE.get(id);
  }

  /** The unlabeled type from → to, or null when HubSpot defines no association between the two types. */
  static Integer defaultType(ObjectType from, ObjectType to) {
    return DEFAULTS.get(from + ">" + to);
  }

  /** HubSpot-defined types from → to: the unlabeled one first. */
  static List<Type> between(ObjectType from, ObjectType to) {
    List<Type> out = new ArrayList<>();
    Integer d = defaultType(from, to);
    if (d != null) {
      out.add(BY_ID.get(d));
    }
    BY_ID.values().stream().filter(t -> t.from() == from && t.to() == to && (d == null || t.id() != d))
        .sorted(java.util.Comparator.comparingInt(Type::id)).forEach(out::add);
    return out;
  }
}
