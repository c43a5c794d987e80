package dev.switchboard.app.canonical.model;

import static dev.switchboard.app.canonical.ValueType.bool;
import static dev.switchboard.app.canonical.ValueType.companyName;
import static dev.switchboard.app.canonical.ValueType.date;
import static dev.switchboard.app.canonical.ValueType.decimal;
import static dev.switchboard.app.canonical.ValueType.domain;
import static dev.switchboard.app.canonical.ValueType.email;
import static dev.switchboard.app.canonical.ValueType.enumOf;
import static dev.switchboard.app.canonical.ValueType.identifier;
import static dev.switchboard.app.canonical.ValueType.instant;
import static dev.switchboard.app.canonical.ValueType.integer;
import static dev.switchboard.app.canonical.ValueType.money;
import static dev.switchboard.app.canonical.ValueType.multiLineText;
import static dev.switchboard.app.canonical.ValueType.personName;
import static dev.switchboard.app.canonical.ValueType.phone;
import static dev.switchboard.app.canonical.ValueType.positioned;
import static dev.switchboard.app.canonical.ValueType.ref;
import static dev.switchboard.app.canonical.ValueType.sortedSet;
import static dev.switchboard.app.canonical.ValueType.text;
import static dev.switchboard.app.canonical.ValueType.url;

import dev.switchboard.app.canonical.MatchForm;
import dev.switchboard.app.canonical.ValueType;
import java.util.List;
import java.util.Set;

/**
 * The CRM side of the spine: contact, company, deal with its line items, product, activity. Field names of the
 * contact are those of {@code ContactField}, so the sync engine moves onto this model without renaming.
 * Unit prices and quantities carry up to 6 and 4 fraction digits (Stripe's {@code unit_amount_decimal} and
 * QuickBooks' quantities go further; 6 and 4 cover every price list we have seen and keep amounts exact).
 */
final class CrmTypes {
  static final String CRM_SYNCED = "crm.synced";
  static final String CONSENT_CHANGED = "consent.changed";
  static final int UNIT_PRICE_SCALE = 6;
  static final int QUANTITY_SCALE = 4;

  private CrmTypes() {}

  static List<CanonicalType> all() {
    return List.of(contact(), company(), lineItem(), deal(), product(), activity());
  }

  /**
   * A person. Identified by e-mail, then by E.164 phone. {@code marketingStatus} is marketing consent: an unsubscribe
   * anywhere is a change of this field (emitting {@code consent.changed}), not an engagement fact. Its states:
   * {@code subscribed} (opted in), {@code pending} (double opt-in awaiting confirmation), {@code unsubscribed}
   * (opted out; only a new opt-in reverses it), {@code transactional} (never opted in, may receive transactional
   * mail), {@code cleaned} (the address bounced hard; not a consent but it stops marketing mail too),
   * {@code archived} (removed from the audience without opting out).
   */
  static CanonicalType contact() {
    return CanonicalType.golden("contact")
        .pii("email", email())
        .pii("phone", phone())
        .pii("firstName", personName())
        .pii("lastName", personName())
        .field("company", companyName())
        .field("primaryCompany", ref("company"))
        .field("jobTitle", text())
        .pii("address", ValueType.address())
        .field("lifecycleStage", enumOf("subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
            "opportunity", "customer", "evangelist", "other"))
        .field("marketingStatus", enumOf("subscribed", "pending", "unsubscribed", "transactional", "cleaned",
            "archived"))
        .field("tags", sortedSet(text()))
        .pii("owner", email())
        .required("email", "phone")
        .identity("email", "email", MatchForm.EMAIL)
        .identity("phone", "phone", MatchForm.PHONE)
        .lifecycle("lifecycleStage", Set.of(), false)
        .consent("marketingStatus")
        .project("lifecycleStage", Projection.STATUS)
        .project("primaryCompany", Projection.PARENT_ID)
        .events(CRM_SYNCED, CONSENT_CHANGED)
        .customFields()
        .build();
  }

  /**
   * An organisation. Identified by its registrable domain (from {@code domain} or {@code website}; free-mail domains
   * never), else by its normalised name together with its city, postcode or phone.
   */
  static CanonicalType company() {
    return CanonicalType.golden("company")
        .field("name", companyName())
        .field("domain", domain())
        .field("website", url())
        .field("phone", phone())
        .field("address", ValueType.address())
        .field("industry", text())
        .field("description", multiLineText())
        .field("employeeCount", integer())
        .field("annualRevenue", money())
        .field("tags", sortedSet(text()))
        .pii("owner", email())
        .required("name")
        .identity("domain", "domain", MatchForm.REGISTRABLE_DOMAIN)
        .identity("domain", "website", MatchForm.REGISTRABLE_DOMAIN)
        .identity("name_city", "name", MatchForm.COMPANY_NAME, "address", MatchForm.CITY)
        .identity("name_postcode", "name", MatchForm.COMPANY_NAME, "address", MatchForm.POSTAL_CODE)
        .identity("name_phone", "name", MatchForm.COMPANY_NAME, "phone", MatchForm.PHONE)
        .events(CRM_SYNCED)
        .customFields()
        .build();
  }

  /**
   * A deal's line: versioned and merged with the deal as one ordered collection. {@code id} exists only to link the
   * line to vendors that keep lines as objects (HubSpot line items, Salesforce opportunity products); it is never an
   * identity. {@code amount} is the line total as the source states it (quantity × unit price − discount, possibly
   * rounded by the source), not recomputed.
   */
  static CanonicalType lineItem() {
    return CanonicalType.child("line_item")
        .field("id", identifier())
        .field("product", ref("product"))
        .field("name", text())
        .field("quantity", decimal(QUANTITY_SCALE))
        .field("unitPrice", money(UNIT_PRICE_SCALE))
        .field("discount", money())
        .field("amount", money())
        .field("position", integer())
        .required("product", "name")
        .required("quantity")
        .build();
  }

  /**
   * An opportunity. Stages are HubSpot's default pipeline (the hub's vocabulary); other pipelines and vendors map to
   * them in the mapping module. Won and lost are terminal but not financial: any system may reopen a deal.
   */
  static CanonicalType deal() {
    return CanonicalType.golden("deal")
        .field("name", text())
        .field("amount", money())
        .field("stage", enumOf("appointment_scheduled", "qualified_to_buy", "presentation_scheduled",
            "decision_maker_bought_in", "contract_sent", "closed_won", "closed_lost"))
        .field("pipeline", identifier())
        .field("closeDate", date())
        .field("description", multiLineText())
        .pii("owner", email())
        .field("company", ref("company"))
        .field("contacts", sortedSet(ref("contact")))
        .field("lines", positioned(lineItem().asStruct()))
        .required("name")
        .lifecycle("stage", Set.of("closed_won", "closed_lost"), false)
        .project("stage", Projection.STATUS)
        .project("pipeline", Projection.PIPELINE)
        .project("amount", Projection.AMOUNT)
        .project("closeDate", Projection.CLOSE_ON)
        .project("company", Projection.PARENT_ID)
        .events(CRM_SYNCED)
        .customFields()
        .build();
  }

  /** Something sold. Linked only: SKUs are not unique across systems often enough to merge by them. */
  static CanonicalType product() {
    return CanonicalType.golden("product")
        .field("name", text())
        .field("sku", identifier())
        .field("description", multiLineText())
        .field("price", money(UNIT_PRICE_SCALE))
        .field("billingInterval", enumOf("one_time", "day", "week", "month", "year"))
        .field("billingIntervalCount", integer())
        .field("active", bool())
        .required("name")
        .events(CRM_SYNCED)
        .build();
  }

  /**
   * An e-mail, call, meeting, note or task, logged against contacts, companies and deals. Linked only. Subject and
   * body are personal data (they quote people). A task's {@code priority} is {@code low}, {@code medium} or
   * {@code high} (none: empty).
   */
  static CanonicalType activity() {
    return CanonicalType.golden("activity")
        .field("kind", enumOf("email", "call", "meeting", "note", "task"))
        .pii("subject", text())
        .pii("body", multiLineText())
        .field("direction", enumOf("inbound", "outbound"))
        .field("startAt", instant())
        .field("endAt", instant())
        .field("dueAt", instant())
        .field("location", text())
        .field("status", enumOf("planned", "in_progress", "completed", "cancelled", "no_show"))
        .field("priority", enumOf("low", "medium", "high"))
        .pii("owner", email())
        .field("participants", sortedSet(ref("contact")))
        .field("regarding", sortedSet(ref("deal", "company", "contact")))
        .required("kind")
        .subtypes("kind")
        .subtype("email", Set.of("direction", "startAt"), Set.of("startAt"))
        .subtype("call", Set.of("direction", "startAt", "endAt"), Set.of("startAt"))
        .subtype("meeting", Set.of("startAt", "endAt", "location"), Set.of("startAt", "endAt"))
        .subtype("note", Set.of(), Set.of("body"))
        .subtype("task", Set.of("dueAt", "priority"), Set.of("subject"))
        .lifecycle("status", Set.of("completed", "cancelled", "no_show"), false)
        .project("status", Projection.STATUS)
        .project("startAt", Projection.STARTS_AT)
        .events(CRM_SYNCED)
        .build();
  }
}
