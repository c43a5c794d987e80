package dev.switchboard.sandbox.hubspot;

import java.util.List;
import java.util.Locale;

/**
 * The CRM object types the emulator holds, with HubSpot's names and object type ids. A path or body may name a
 * type by its plural name ({@code contacts}), its singular ({@code contact}) or its id ({@code 0-1}), in any
 * case, as HubSpot's object APIs accept; an unknown name is a 400.
 *
 * <p>Type ids: https://developers.hubspot.com/docs/guides/crm/using-object-apis (the spec collection names only
 * 0-1, 0-2, 0-3 itself, e.g. the deals spec's paths {@code /crm/v3/objects/0-3}). Merge exists for contacts,
 * companies and deals only (the only types whose specs have {@code POST .../merge}). Webhooks v3's
 * {@code eventType} enum has legacy {@code <type>.*} events for contact, company, deal, line_item and product
 * (product without {@code associationChange}); the other types only send the generic {@code object.*} events.
 */
enum ObjectType {
  CONTACTS("contacts", "0-1", "contact", "contactId", "lastmodifieddate", "createdate", true, true,
      List.of("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"),
      List.of("firstname", "lastname", "email", "phone", "company")),
  COMPANIES("companies", "0-2", "company", "companyId", "hs_lastmodifieddate", "createdate", true, true,
      List.of("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"),
      List.of("name", "domain", "website", "phone")),
  DEALS("deals", "0-3", "deal", "dealId", "hs_lastmodifieddate", "createdate", true, true,
      List.of("amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"),
      List.of("dealname")),
  PRODUCTS("products", "0-7", "product", "productId", "hs_lastmodifieddate", "createdate", false, true,
      List.of("createdate", "description", "hs_lastmodifieddate", "hs_object_id", "name", "price"),
      List.of("name", "description", "hs_sku")),
  LINE_ITEMS("line_items", "0-8", "line_item", "lineItemId", "hs_lastmodifieddate", "createdate", false, true,
      List.of("amount", "createdate", "hs_lastmodifieddate", "hs_object_id", "hs_product_id", "name", "price", "quantity"),
      List.of("name", "hs_sku")),
  TASKS("tasks", "0-27", "task", "taskId", "hs_lastmodifieddate", "hs_createdate", false, false,
      List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"), List.of("hs_task_subject", "hs_task_body")),
  NOTES("notes", "0-46", "note", "noteId", "hs_lastmodifieddate", "hs_createdate", false, false,
      List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"), List.of("hs_note_body")),
  MEETINGS("meetings", "0-47", "meeting", "meetingId", "hs_lastmodifieddate", "hs_createdate", false, false,
      List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"), List.of("hs_meeting_title", "hs_meeting_body")),
  CALLS("calls", "0-48", "call", "callId", "hs_lastmodifieddate", "hs_createdate", false, false,
      List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"), List.of("hs_call_title", "hs_call_body")),
  EMAILS("emails", "0-49", "email", "emailId", "hs_lastmodifieddate", "hs_createdate", false, false,
      List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"), List.of("hs_email_subject", "hs_email_text"));

  /** Plural name used in paths ({@code line_items}). */
  final String plural;
  /** Object type id ({@code 0-8}), as webhooks' {@code objectTypeId} and association labels carry it. */
  final String typeId;
  /** Singular name ({@code line_item}): the prefix of legacy webhook event types and association type names. */
  final String singular;
  /** Name of the id path parameter in HubSpot's spec for this type ({@code lineItemId}); names endpoints in counters. */
  final String idParameter;
  /** The read-only last-modified property: {@code lastmodifieddate} for contacts, {@code hs_lastmodifieddate} else. */
  final String lastModified;
  /** The create-date property ({@code hs_createdate} for engagements); settable on create only. */
  final String createDate;
  /** Whether {@code POST .../merge} exists for the type. */
  final boolean mergeable;
  /** Whether webhooks v3 has legacy {@code <singular>.*} event types for the type. */
  final boolean legacyWebhooks;
  /** Properties returned when a read names none. */
  final List<String> defaultProperties;
  /** Properties the search {@code query} looks into. */
  final List<String> queryProperties;

  ObjectType(String plural, String typeId, String singular, String idParameter, String lastModified, String createDate,
      boolean mergeable, boolean legacyWebhooks, List<String> defaultProperties, List<String> queryProperties) {
    this.plural = plural;
    this.typeId = typeId;
    this.singular = singular;
    this.idParameter = idParameter;
    this.lastModified = lastModified;
    this.createDate = createDate;
    this.mergeable = mergeable;
    this.legacyWebhooks = legacyWebhooks;
    this.defaultProperties = defaultProperties;
    this.queryProperties = queryProperties;
  }

  /** The type a path segment or body field names, or null. */
  static ObjectType find(String name) {
    if (name == null) {
      return null;
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (ObjectType t : values()) {
      if (t.plural.equals(n) || t.singular.equals(n) || t.typeId.equals(n)) {
        return t;
      }
    }
    return null;
  }

  /** The type a path segment names; 400 VALIDATION_ERROR when none. */
  static ObjectType of(String name) {
    ObjectType t = find(name);
    if (t == null) {
      throw HubSpotException.validation("Unable to infer object type from: " + name);
    }
    return t;
  }

  /** Upper-case singular as HubSpot's messages name the type ({@code LINE_ITEM}). */
  String upper() {
    return singular.toUpperCase(Locale.ROOT);
  }

  /** {@code Contact}, {@code Line item}: the type as HubSpot's sentences name it. */
  String label() {
    String s = singular.replace('_', ' ');
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Whether the type is an engagement (activity): notes, calls, meetings, emails, tasks. */
  boolean engagement() {
    return createDate.equals("hs_createdate");
  }
}
