package dev.switchboard.sandbox.hubspot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HubSpot-defined properties the sandbox knows per object type (a working subset of each type's real
 * catalogue: the properties integrations commonly read and write, plus every system property), in the shape
 * of the properties API's {@code Property}. Which properties are read-only follows HubSpot: the record id,
 * last-modified date, merged ids and calculated values ({@code amount} of a line item); the create date is
 * read-only except on create. Enumeration options are HubSpot's defaults for those properties.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/properties/guide
 */
final class StandardProperties {

  private StandardProperties() {}

  /** HubSpot's default lifecycle stages (internal values). */
  static final List<String> LIFECYCLE_STAGES = List.of("subscriber", "lead", "marketingqualifiedlead",
      "salesqualifiedlead", "opportunity", "customer", "evangelist", "other");

  /** HubSpot's recurring billing frequency options of products and line items (internal values). */
  static final List<String> BILLING_FREQUENCIES = List.of("weekly", "biweekly", "monthly", "quarterly",
      "per_six_months", "annually", "per_two_years", "per_three_years", "per_four_years", "per_five_years");

  /** The standard properties of {@code type}, in display order. */
  static List<Map<String, Object>> of(ObjectType type) {
    String g = group(type);
    List<Map<String, Object>> out = new ArrayList<>(switch (type) {
      case CONTACTS -> List.of(
          def("email", "Email", "string", "text", g),
          def("firstname", "First Name", "string", "text", g),
          def("lastname", "Last Name", "string", "text", g),
          def("phone", "Phone Number", "string", "phonenumber", g),
          def("company", "Company Name", "string", "text", g),
          options(def("lifecyclestage", "Lifecycle Stage", "enumeration", "radio", g), LIFECYCLE_STAGES),
          def("hs_email_optout", "Unsubscribed from all email", "bool", "booleancheckbox", "emailinformation"),
          // one per subscription type (Subscriptions): set when the contact's status for the type changes
          def(Subscriptions.optOutProperty(Subscriptions.DEFAULTS.get(0).id()),
              "Opted out of email: " + Subscriptions.DEFAULTS.get(0).name(), "bool", "booleancheckbox", "emailinformation"),
          def(Subscriptions.optOutProperty(Subscriptions.DEFAULTS.get(1).id()),
              "Opted out of email: " + Subscriptions.DEFAULTS.get(1).name(), "bool", "booleancheckbox", "emailinformation"),
          def(Subscriptions.optOutProperty(Subscriptions.DEFAULTS.get(2).id()),
              "Opted out of email: " + Subscriptions.DEFAULTS.get(2).name(), "bool", "booleancheckbox", "emailinformation"));
      case COMPANIES -> List.of(
          def("name", "Company name", "string", "text", g),
          def("domain", "Company Domain Name", "string", "text", g),
          def("website", "Website URL", "string", "text", g),
          def("phone", "Phone Number", "string", "phonenumber", g),
          def("address", "Street Address", "string", "text", g),
          def("address2", "Street Address 2", "string", "text", g),
          def("city", "City", "string", "text", g),
          def("state", "State/Region", "string", "text", g),
          def("zip", "Postal Code", "string", "text", g),
          def("country", "Country/Region", "string", "text", g),
          def("industry", "Industry", "string", "text", g),
          def("numberofemployees", "Number of Employees", "number", "number", g),
          def("annualrevenue", "Annual Revenue", "number", "number", g),
          def("description", "Description", "string", "textarea", g),
          options(def("lifecyclestage", "Lifecycle Stage", "enumeration", "radio", g), LIFECYCLE_STAGES));
      case DEALS -> List.of(
          def("dealname", "Deal Name", "string", "text", g),
          def("amount", "Amount", "number", "number", g),
          def("closedate", "Close Date", "datetime", "date", g),
          // options are the portal's pipelines and their stages, checked by DealStageRule
          def("pipeline", "Pipeline", "enumeration", "select", g),
          def("dealstage", "Deal Stage", "enumeration", "radio", g),
          options(def("dealtype", "Deal Type", "enumeration", "radio", g), List.of("newbusiness", "existingbusiness")),
          def("description", "Deal Description", "string", "textarea", g));
      case PRODUCTS -> List.of(
          def("name", "Name", "string", "text", g),
          def("description", "Description", "string", "textarea", g),
          def("price", "Unit price", "number", "number", g),
          def("hs_sku", "SKU", "string", "text", g),
          def("hs_cost_of_goods_sold", "Unit cost", "number", "number", g),
          options(def("recurringbillingfrequency", "Billing frequency", "enumeration", "select", g), BILLING_FREQUENCIES));
      case LINE_ITEMS -> List.of(
          def("name", "Name", "string", "text", g),
          def("description", "Description", "string", "textarea", g),
          def("price", "Unit price", "number", "number", g),
          def("quantity", "Quantity", "number", "number", g),
          def("hs_product_id", "Product ID", "number", "number", g),
          def("hs_sku", "SKU", "string", "text", g),
          def("hs_position_on_quote", "Position on quote", "number", "number", g),
          def("discount", "Unit discount", "number", "number", g),
          def("hs_discount_percentage", "Unit discount percentage", "number", "number", g),
          readOnly(def("hs_total_discount", "Total discount", "number", "calculation_equation", g)),
          options(def("recurringbillingfrequency", "Billing frequency", "enumeration", "select", g), BILLING_FREQUENCIES),
          readOnly(def("amount", "Net price", "number", "calculation_equation", g)));
      case NOTES -> List.of(
          def("hs_timestamp", "Activity date", "datetime", "date", g),
          def("hs_note_body", "Note body", "string", "html", g));
      case CALLS -> List.of(
          def("hs_timestamp", "Activity date", "datetime", "date", g),
          def("hs_call_title", "Call Title", "string", "text", g),
          def("hs_call_body", "Call notes", "string", "html", g),
          def("hs_call_duration", "Call duration", "number", "number", g),
          def("hs_call_from_number", "From number", "string", "text", g),
          def("hs_call_to_number", "To number", "string", "text", g),
          options(def("hs_call_direction", "Call direction", "enumeration", "select", g), List.of("INBOUND", "OUTBOUND")),
          options(def("hs_call_status", "Call status", "enumeration", "select", g), List.of("BUSY", "CALLING_CRM_USER",
              "CANCELED", "COMPLETED", "CONNECTING", "FAILED", "IN_PROGRESS", "NO_ANSWER", "QUEUED", "RINGING")));
      case MEETINGS -> List.of(
          def("hs_timestamp", "Activity date", "datetime", "date", g),
          def("hs_meeting_title", "Meeting name", "string", "text", g),
          def("hs_meeting_body", "Meeting description", "string", "html", g),
          def("hs_internal_meeting_notes", "Internal meeting notes", "string", "html", g),
          def("hs_meeting_location", "Location", "string", "text", g),
          def("hs_meeting_start_time", "Start Time", "datetime", "date", g),
          def("hs_meeting_end_time", "End Time", "datetime", "date", g),
          options(def("hs_meeting_outcome", "Meeting outcome", "enumeration", "select", g),
              List.of("SCHEDULED", "COMPLETED", "RESCHEDULED", "NO_SHOW", "CANCELED")));
      case EMAILS -> List.of(
          def("hs_timestamp", "Activity date", "datetime", "date", g),
          def("hs_email_subject", "Email subject", "string", "text", g),
          def("hs_email_text", "Email body", "string", "textarea", g),
          def("hs_email_html", "Email HTML body", "string", "html", g),
          def("hs_email_headers", "Email headers", "string", "textarea", g),
          options(def("hs_email_direction", "Email direction", "enumeration", "select", g),
              List.of("EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL")),
          options(def("hs_email_status", "Email send status", "enumeration", "select", g),
              List.of("BOUNCED", "FAILED", "SCHEDULED", "SENDING", "SENT")));
      case TASKS -> List.of(
          def("hs_timestamp", "Due date", "datetime", "date", g),
          def("hs_task_subject", "Task Title", "string", "text", g),
          def("hs_task_body", "Notes", "string", "html", g),
          options(def("hs_task_status", "Task Status", "enumeration", "select", g),
              List.of("NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED")),
          options(def("hs_task_priority", "Priority", "enumeration", "select", g), List.of("NONE", "LOW", "MEDIUM", "HIGH")),
          options(def("hs_task_type", "Task Type", "enumeration", "select", g), List.of("CALL", "EMAIL", "TODO")));
    });
    // owners are the portal's users; HubSpot's options for it are external, so values are not checked here
    out.add(def("hubspot_owner_id", type == ObjectType.CONTACTS ? "Contact owner" : "Owner", "enumeration", "select", g));
    out.get(out.size() - 1).put("externalOptions", true);
    // read-only, but a create may set it (PropertyCatalog#normalize): imports and integrations back-date records
    out.add(readOnly(def(type.createDate, "Create Date", "datetime", "date", g)));
    out.add(readOnly(def(type.lastModified, "Last Modified Date", "datetime", "date", g)));
    out.add(unique(readOnly(def("hs_object_id", "Record ID", "number", "number", g))));
    if (type.mergeable) {
      out.add(readOnly(def("hs_merged_object_ids", "Merged Record IDs", "enumeration", "checkbox", g)));
    }
    for (int i = 0; i < out.size(); i++) {
      out.get(i).put("displayOrder", i);
    }
    return out.stream().map(Collections::unmodifiableMap).toList();
  }

  /** The group standard properties of the type belong to ({@code contactinformation}, {@code line_iteminformation}). */
  static String group(ObjectType type) {
    return type.singular.replace("_", "") + "information";
  }

  /** The property groups HubSpot defines for the type (those the standard properties use). */
  static List<String> groups(ObjectType type) {
    return type == ObjectType.CONTACTS ? List.of(group(type), "emailinformation") : List.of(group(type));
  }

  /** A property definition in the properties API's shape; custom properties start from the same one. */
  static Map<String, Object> def(String name, String label, String type, String fieldType, String group) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("label", label);
    m.put("type", type);
    m.put("fieldType", fieldType);
    m.put("groupName", group);
    m.put("description", "");
    m.put("options", List.of());
    m.put("displayOrder", -1);
    m.put("calculated", false);
    m.put("externalOptions", false);
    m.put("hasUniqueValue", false);
    m.put("hidden", false);
    m.put("formField", true);
    m.put("hubspotDefined", true);
    m.put("modificationMetadata", Map.of("archivable", false, "readOnlyDefinition", true, "readOnlyValue", false));
    m.put("archived", false);
    return m;
  }

  /** Option objects ({@code Option}: label, value, displayOrder, hidden, description) for these values. */
  static List<Map<String, Object>> optionList(List<String> values) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("label", values.get(i));
      o.put("value", values.get(i));
      o.put("displayOrder", i);
      o.put("hidden", false);
      o.put("description", "");
      out.add(o);
    }
    return out;
  }

  private static Map<String, Object> options(Map<String, Object> def, List<String> values) {
    def.put("options", optionList(values));
    return def;
  }

  private static Map<String, Object> readOnly(Map<String, Object> def) {
    def.put("formField", false);
    def.put("calculated", def.get("fieldType").equals("calculation_equation"));
    def.put("modificationMetadata", Map.of("archivable", false, "readOnlyDefinition", true, "readOnlyValue", true));
    return def;
  }

  private static Map<String, Object> unique(Map<String, Object> def) {
    def.put("hasUniqueValue", true);
    return def;
  }
}
