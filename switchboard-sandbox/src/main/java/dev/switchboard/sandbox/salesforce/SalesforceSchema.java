package dev.switchboard.sandbox.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The minimal org schema: Contact, Account, Lead, Opportunity with a handful of standard fields, the system
 * audit fields, and the external-id custom field {@code Switchboard_Id__c} on Contact and Account.
 */
final class SalesforceSchema {

  /** One field of an sObject: its Salesforce type, and whether the API may write it / must supply it. */
  record Field(String name, String type, String label, boolean writable, boolean required, boolean externalId) {}

  /** One sObject type. */
  record SObject(String name, String label, String keyPrefix, Map<String, Field> fields) {

    /** Field by name, case-insensitively (SOQL and the REST API are case-insensitive), or null. */
    Field field(String name) {
      Field f = fields.get(name);
      if (f != null) {
        return f;
      }
      for (Field x : fields.values()) {
        if (x.name().equalsIgnoreCase(name)) {
          return x;
        }
      }
      return null;
    }

    List<String> requiredFields() {
      return fields.values().stream().filter(Field::required).map(Field::name).toList();
    }
  }

  static final Map<String, SObject> TYPES = new LinkedHashMap<>();

  static {
    add("Contact", "003", List.of(f("FirstName", "string"), req("LastName", "string"), f("Email", "email"),
        f("Phone", "phone"), f("Title", "string"), f("AccountId", "reference"), f("LeadSource", "picklist"),
        ro("Name", "string"), ext()));
    add("Account", "001", List.of(req("Name", "string"), f("Phone", "phone"), f("Website", "url"),
        f("Industry", "picklist"), ext()));
    add("Lead", "00Q", List.of(f("FirstName", "string"), req("LastName", "string"), req("Company", "string"),
        f("Email", "email"), f("Phone", "phone"), f("Status", "picklist"), ro("Name", "string")));
    add("Opportunity", "006", List.of(req("Name", "string"), req("StageName", "picklist"), req("CloseDate", "date"),
        f("Amount", "currency"), f("AccountId", "reference")));
  }

  private SalesforceSchema() {}

  private static Field f(String n, String t) {
    return new Field(n, t, label(n), true, false, false);
  }

  private static Field req(String n, String t) {
    return new Field(n, t, label(n), true, true, false);
  }

  private static Field ro(String n, String t) {
    return new Field(n, t, label(n), false, false, false);
  }

  private static Field ext() {
    return new Field("Switchboard_Id__c", "string", "Switchboard Id", true, false, true);
  }

  private static String label(String n) {
    return n.replaceAll("([a-z])([A-Z])", "$1 $2");
  }

  private static void add(String name, String prefix, List<Field> own) {
    Map<String, Field> m = new LinkedHashMap<>();
    m.put("Id", new Field("Id", "id", name + " ID", false, false, false));
    m.put("IsDeleted", new Field("IsDeleted", "boolean", "Deleted", false, false, false));
    own.forEach(x -> m.put(x.name(), x));
    for (String sys : List.of("CreatedDate", "LastModifiedDate", "SystemModstamp")) {
      m.put(sys, new Field(sys, "datetime", label(sys), false, false, false));
    }
    for (String by : List.of("CreatedById", "LastModifiedById")) {
      m.put(by, new Field(by, "reference", label(by), false, false, false));
    }
    TYPES.put(name, new SObject(name, name, prefix, m));
  }

  /** The type, case-insensitively, or 404 NOT_FOUND (REST) as Salesforce answers unknown sObject URLs. */
  static SObject type(String name) {
    for (SObject t : TYPES.values()) {
      if (t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new SalesforceException(404, "NOT_FOUND", "The requested resource does not exist", null);
  }

  /** Minimal describe result (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm). */
  static Map<String, Object> describe(SObject t, String version) {
    List<Map<String, Object>> fields = new ArrayList<>();
    for (Field x : t.fields().values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", x.name());
      m.put("label", x.label());
      m.put("type", x.type());
      m.put("custom", x.name().endsWith("__c"));
      m.put("createable", x.writable());
      m.put("updateable", x.writable());
      m.put("nillable", !x.required() && x.writable());
      m.put("defaultedOnCreate", !x.writable() || (t.name().equals("Lead") && x.name().equals("Status")));
      m.put("externalId", x.externalId());
      m.put("idLookup", x.externalId() || x.name().equals("Id") || x.type().equals("email"));
      m.put("unique", x.externalId());
      m.put("length", x.type().equals("string") || x.type().endsWith("list") || x.type().equals("email") ? 255 : 0);
      m.put("referenceTo", x.type().equals("reference") ? List.of(x.name().equals("AccountId") ? "Account" : "User") : List.of());
      fields.add(m);
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", t.name());
    d.put("label", t.label());
    d.put("labelPlural", t.label() + (t.label().endsWith("y") ? "" : "s"));
    d.put("keyPrefix", t.keyPrefix());
    d.put("custom", false);
    d.put("createable", true);
    d.put("updateable", true);
    d.put("deletable", true);
    d.put("queryable", true);
    d.put("replicateable", true);
    d.put("fields", fields);
    String base = "/services/data/" + version + "/sobjects/" + t.name();
    d.put("urls", Map.of("sobject", base, "describe", base + "/describe", "rowTemplate", base + "/{ID}"));
    return d;
  }
}
