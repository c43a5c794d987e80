package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.ConsentSetting;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The consent rule of a marketing audience ({@link dev.switchboard.app.connectors.Connector#consentGated}): nobody is
 * added without a recorded opt-in unless the connection adds them as {@code transactional}, nobody who opted out is
 * added, double opt-in ({@code pending}) only for opt-ins recorded after the connection was made, and an existing
 * member is never (re)subscribed — only an opt-out reaches a member that exists, and a recorded opt-in reaches a
 * member held as {@code transactional} (the upgrade).
 *
 * <p>A recorded opt-in is the golden {@code marketingStatus} {@code subscribed}: its {@link FieldValue} says where it
 * came from (the upsert API's {@code marketing_status}; HubSpot's subscription status for the subscription type the
 * HubSpot connection names; an audience's own status, for that audience only) and when.
 * {@code pending}, {@code transactional} and no value are no opt-in.
 */
@Component
class AudienceConsent {
  /** Why a contact is not sent to an audience; also the first-sync plan's reasons. */
  static final String NO_CONSENT = "no_consent";
  static final String OPTED_OUT = "opted_out";

  private final JdbcClient db;

  AudienceConsent(JdbcClient db) {
    this.db = db;
  }

  /** What becomes of a record an audience does not hold yet: sent with {@code status}, or not sent for {@code reason}. */
  record Decision(@Nullable String status, @Nullable String reason) {
    static Decision send(String status) {
      return new Decision(status, null);
    }

    static Decision skip(String reason) {
      return new Decision(null, reason);
    }

    boolean sent() {
      return status != null;
    }
  }

  /** The decision for adding a record with golden {@code fields} to {@code target}'s audience. */
  Decision forNew(Connection target, Map<String, FieldValue> fields) {
    return forNew(target.system(), target.settings(), fields.get(ContactField.MARKETING_STATUS),
        () -> connectedAt(target));
  }

  /**
   * As above, pure: {@code connectedAt} is asked only when double opt-in needs it. An opt-in recorded by another
   * audience of the same system ({@code subscribed} in another Mailchimp list) is that audience's, not this one's.
   */
  static Decision forNew(String system, Map<String, String> settings, @Nullable FieldValue marketingStatus,
      java.util.function.Supplier<Optional<Instant>> connectedAt) {
    if (optsOut(marketingStatus == null ? null : marketingStatus.value())) {
      return Decision.skip(OPTED_OUT);
    }
    String status = marketingStatus == null || marketingStatus.value() == null ? ""
        : String.valueOf(marketingStatus.value()).trim().toLowerCase(Locale.ROOT);
    if (status.equals("subscribed") && !system.equals(marketingStatus.system())) {
      boolean optedInSince = ConsentSetting.doubleOptIn(settings)
          && connectedAt.get().map(t -> marketingStatus.modifiedAt().isAfter(t)).orElse(false);
      return Decision.send(optedInSince ? "pending" : "subscribed");
    }
    return ConsentSetting.sendsTransactional(settings) ? Decision.send(ConsentSetting.TRANSACTIONAL)
        : Decision.skip(NO_CONSENT);
  }

  /**
   * Leaves in {@code desired}, for a member that exists, only a status that takes it out of marketing: a subscribe,
   * a confirmation request or a downgrade to transactional is never sent to an existing member.
   */
  static void forExisting(Map<String, Object> desired) {
    if (!optsOut(desired.get(ContactField.MARKETING_STATUS))) {
      desired.remove(ContactField.MARKETING_STATUS);
    }
  }

  /** Whether a marketing status takes a person out of marketing: {@code unsubscribed} or {@code cleaned}. */
  static boolean optsOut(@Nullable Object status) {
    String s = status == null ? "" : String.valueOf(status).trim().toLowerCase(Locale.ROOT);
    return s.equals("unsubscribed") || s.equals("cleaned");
  }

  /**
   * For a member of {@code target}'s audience that exists and holds {@code held} (its status as last read or written):
   * as {@link #forExisting(Map)}, except the one upgrade — a {@code transactional} member whose record now has a
   * recorded opt-in is sent {@code subscribed} ({@code pending} under double opt-in for an opt-in made after
   * connecting), as {@link #forNew} would add it. A member who unsubscribed, was cleaned, or is pending is never sent
   * a subscribe.
   */
  void forExisting(Connection target, Map<String, FieldValue> fields, @Nullable Object held,
      Map<String, Object> desired) {
    forExisting(target.system(), target.settings(), fields.get(ContactField.MARKETING_STATUS), held, desired,
        () -> connectedAt(target));
  }

  /** As above, pure: {@code connectedAt} is asked only when double opt-in needs it. */
  static void forExisting(String system, Map<String, String> settings, @Nullable FieldValue marketingStatus,
      @Nullable Object held, Map<String, Object> desired, java.util.function.Supplier<Optional<Instant>> connectedAt) {
    String holds = held == null ? "" : String.valueOf(held).trim().toLowerCase(Locale.ROOT);
    if (!optsOut(desired.get(ContactField.MARKETING_STATUS)) && holds.equals(ConsentSetting.TRANSACTIONAL)) {
      Decision d = forNew(system, settings, marketingStatus, connectedAt);
      if (d.sent() && !ConsentSetting.TRANSACTIONAL.equals(d.status())) {
        desired.put(ContactField.MARKETING_STATUS, d.status()); // the opt-in upgrades the transactional member
        return;
      }
    }
    forExisting(desired);
  }

  private Optional<Instant> connectedAt(Connection target) {
    return db.sql("select created_at from connection where tenant_id = ? and id = ?")
        .params(target.tenantId(), target.id()).query(java.sql.Timestamp.class).optional()
        .map(java.sql.Timestamp::toInstant);
  }
}
