package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One portal's e-mail subscription types (HubSpot's communication preferences) and each address's status per type:
 * {@code SUBSCRIBED}, {@code UNSUBSCRIBED}, or {@code NOT_SPECIFIED} when nothing was recorded. Every portal has the
 * three default types a new HubSpot account has ({@link #DEFAULTS}, same ids in every portal).
 *
 * <p>A recorded change also sets the contact holding the address's {@code hs_email_optout_<subscriptionId>} property
 * ({@code true} when unsubscribed, {@code false} when subscribed): HubSpot keeps one such contact property per
 * subscription type, so the change moves the contact's {@code lastmodifieddate} (the reconciliation poll sees it) and
 * fires a {@code contact.propertyChange}. HubSpot's app webhooks have no event of their own for a subscription change
 * (the webhooks API's event types are object creations, deletions, property and association changes).
 *
 * <p>Addresses are compared lower-cased. Thread-safe under the CRM's journal lock.
 */
final class Subscriptions {

  /** A subscription type ({@code SubscriptionDefinition}). */
  record Definition(long id, String name, String description, String purpose, boolean isDefault) {}

  /** A recorded status of one address for one type. */
  record Status(String status, Instant timestamp, String source, String legalBasis, String legalBasisExplanation) {}

  static final List<Definition> DEFAULTS = List.of(
      new Definition(15_000_101L, "Marketing Information", "Marketing offers and updates.", "Marketing", true),
      new Definition(15_000_102L, "One to One", "One to one emails.", "Sales", false),
      new Definition(15_000_103L, "Customer Service Communication", "Feedback requests and service updates.",
          "Service", false));

  static final String SUBSCRIBED = "SUBSCRIBED";
  static final String UNSUBSCRIBED = "UNSUBSCRIBED";
  static final String NOT_SPECIFIED = "NOT_SPECIFIED";

  /** The contact property HubSpot keeps for a subscription type. */
  static String optOutProperty(long subscriptionId) {
    return "hs_email_optout_" + subscriptionId;
  }

  private final CrmData crm;
  private final ChangeClock clock;
  private final Instant createdAt;
  /** address → subscription id → status. */
  private final Map<String, Map<Long, Status>> statuses = new HashMap<>();

  Subscriptions(CrmData crm, ChangeClock clock) {
    this.crm = crm;
    this.clock = clock;
    this.createdAt = clock.now();
  }

  List<Definition> definitions() {
    return DEFAULTS;
  }

  Definition definition(long id) {
    return DEFAULTS.stream().filter(d -> d.id() == id).findFirst().orElse(null);
  }

  /** When the definitions were made (their {@code createdAt} and {@code updatedAt}). */
  Instant definitionsCreatedAt() {
    return createdAt;
  }

  /** Every type's status of {@code email}, in the definitions' order; a type nothing was recorded for is absent. */
  Map<Long, Status> of(String email) {
    synchronized (crm.journal.lock) {
      return Map.copyOf(statuses.getOrDefault(key(email), Map.of()));
    }
  }

  /**
   * Records {@code status} of {@code email} for type {@code id}, as set by {@code source} (the status's
   * {@code source}), and sets the opt-out property of the contact holding the address; {@code changeSource} names
   * the property change's source in its webhook, null for none (a seed). Returns the status recorded.
   */
  Status set(String email, long id, String status, String source, String changeSource, String legalBasis,
      String explanation) {
    synchronized (crm.journal.lock) {
      Instant now = clock.nextChange();
      Status s = new Status(status, now, source, legalBasis, explanation);
      statuses.computeIfAbsent(key(email), k -> new LinkedHashMap<>()).put(id, s);
      CrmObject contact = crm.store(ObjectType.CONTACTS).list(c -> !c.archived
          && key(email).equals(c.props.get("email"))).stream().findFirst().orElse(null);
      if (contact != null) {
        crm.store(ObjectType.CONTACTS).update(contact.id,
            Map.of(optOutProperty(id), Boolean.toString(UNSUBSCRIBED.equals(status))), changeSource);
      }
      return s;
    }
  }

  /** Whether the contact holding {@code email} opted out of all e-mail ({@code hs_email_optout}). */
  boolean optedOutOfAll(String email) {
    return crm.store(ObjectType.CONTACTS).list(c -> !c.archived && key(email).equals(c.props.get("email"))).stream()
        .anyMatch(c -> "true".equals(c.props.get("hs_email_optout")));
  }

  void reset() {
    synchronized (crm.journal.lock) {
      statuses.clear();
    }
  }

  static String key(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }
}
