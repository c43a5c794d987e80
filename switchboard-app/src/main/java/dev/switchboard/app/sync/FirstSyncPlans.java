package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connections.FirstSyncHolds;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.ConsentSetting;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.VendorType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The dry run of a connection's first sync: what Start would do, computed by reading the vendor (never writing to
 * it) and the golden records. Contacts only (the types an audience holds): each of the vendor's objects is matched to
 * a record by its e-mail, or is to be created on the other side (in the hub and the other connections); each record
 * the vendor does not hold is to be created there with the status the consent rule gives it ({@link AudienceConsent}),
 * or skipped with a reason ({@code no_email}, {@code filtered_out} by the connection's record filter,
 * {@code no_consent}, {@code opted_out}); the identity review queue is
 * what is to be reviewed. Samples show masked e-mails and record ids only.
 */
@Service
public class FirstSyncPlans {
  /** At most this many vendor objects are read for a plan: beyond, the plan says it is partial. */
  static final int MAX_OBJECTS = 100_000;
  static final int SAMPLE = 5;
  /** The reason of a record the connection's record filter keeps out. */
  static final String FILTERED_OUT = "filtered_out";

  private final Connections connections;
  private final ConnectorRegistry connectors;
  private final GoldenRecords golden;
  private final IdentityResolver identity;
  private final Links links;
  private final AudienceConsent consent;
  private final FirstSyncHolds holds;
  private final DesiredValues desired;
  private final JdbcClient db;

  FirstSyncPlans(Connections connections, ConnectorRegistry connectors, GoldenRecords golden, IdentityResolver identity,
      Links links, AudienceConsent consent, FirstSyncHolds holds, DesiredValues desired, JdbcClient db) {
    this.desired = desired;
    this.connections = connections;
    this.connectors = connectors;
    this.golden = golden;
    this.identity = identity;
    this.links = links;
    this.consent = consent;
    this.holds = holds;
    this.db = db;
  }

  /**
   * A first-sync plan.
   *
   * @param state              {@code HELD} (waiting for Start), {@code STARTED}, or {@code NOT_HELD}
   * @param read               the vendor's objects read
   * @param matched            of those, the ones an existing record has by e-mail
   * @param createHere         the vendor's objects no record has: they become records, and go to the other systems
   * @param createThere        records the vendor does not hold that Start sends there, by the status they get
   * @param skipped            records not sent, by reason ({@code no_email}, {@code filtered_out}, {@code no_consent},
   *                           {@code opted_out})
   * @param transactionalIfSet how many more would be added as {@code transactional} with that setting (Mailchimp bills
   *                           for them); 0 when the setting is on already
   * @param toReview           pairs in the identity review queue
   * @param samples            up to five masked e-mails (or record ids) per bucket
   * @param partial            the vendor had more objects than a plan reads
   * @param problem            why the vendor could not be read (then only the records' side is planned), else null
   */
  public record Plan(String connectionId, String system, String state, boolean consentGated, String withoutConsent,
      boolean doubleOptIn, int read, int matched, int createHere, Map<String, Integer> createThere,
      Map<String, Integer> skipped, int transactionalIfSet, int toReview, Map<String, List<String>> samples,
      boolean partial, @Nullable String problem) {

    /** All records to be sent to the connection. */
    public int createThereTotal() {
      return createThere.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int skippedTotal() {
      return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** The plan of {@code connectionId}'s first sync, or empty when there is no such connection for the tenant. */
  public Optional<Plan> plan(String tenantId, String connectionId) {
    Optional<Connection> found = connections.find(tenantId, connectionId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Connection c = found.get();
    Connector connector = connectors.get(c.system());
    String state = holds.find(tenantId, connectionId).map(FirstSyncHolds.Hold::state).orElse("NOT_HELD");
    // the hub seeds the records: it has no first-sync plan to read
    List<String> types = connector.seedsInitialSync() ? List.of() : connector.vendorTypes().stream()
        .filter(v -> v.holds(CanonicalRecord.CONTACT)).map(VendorType::name).toList();
    boolean gated = types.stream().anyMatch(connector::consentGated);
    Map<String, List<String>> samples = new LinkedHashMap<>();

    // the vendor's side: read, matched by e-mail, or new
    Set<String> matchedIds = new HashSet<>();
    int read = 0;
    int createHere = 0;
    boolean partial = false;
    String problem = null;
    try {
      ConnectionContext ctx = connections.context(c);
      outer:
      for (String type : types) {
        String cursor = null;
        do {
          RecordPage page = connector.listModified(ctx, type, null, cursor);
          for (SourceRecord r : page.records()) {
            if (read >= MAX_OBJECTS) {
              partial = true;
              break outer;
            }
            read++;
            String email = email(r.record().string(ContactField.EMAIL));
            Optional<String> record = email.isEmpty() ? Optional.empty()
                : identity.lookup(tenantId, CanonicalRecord.CONTACT, "email", email);
            if (record.isPresent()) {
              matchedIds.add(record.get());
              sample(samples, "matched", mask(email));
            } else {
              createHere++;
              sample(samples, "create_here", mask(email));
            }
          }
          cursor = page.nextCursor();
        } while (cursor != null);
      }
    } catch (VendorException e) {
      // the plan still shows the records' side; in words, what to do about the vendor's
      problem = e.errorCode().equals("missing_setting") ? "choose what it syncs with first (its audience)"
          : e.retryable() ? "it could not be reached or is failing; try again in a moment"
          : e.status() == 401 || e.status() == 403 ? "it refused the credentials; update them first"
          : "it refused the read (" + e.errorCode() + ")";
    }

    // the records' side: what Start sends, what it skips and why
    Map<String, Integer> createThere = new LinkedHashMap<>();
    Map<String, Integer> skipped = new LinkedHashMap<>();
    int transactionalIfSet = 0;
    Instant connectedAt = connectedAt(c).orElse(null);
    String after = null;
    List<GoldenRecords.Golden> page;
    do {
      page = golden.page(tenantId, CanonicalRecord.CONTACT, after, 500);
      for (GoldenRecords.Golden g : page) {
        after = g.id();
        if (matchedIds.contains(g.id()) || links.byCanonical(tenantId, c.id(), CanonicalRecord.CONTACT, g.id())
            .isPresent()) {
          continue; // held there already (matched above, or linked before)
        }
        FieldValue e = g.fields().get(ContactField.EMAIL);
        String email = e == null ? "" : email(String.valueOf(e.value()));
        if (email.isEmpty()) {
          count(skipped, "no_email");
          sample(samples, "skipped_no_email", g.id());
          continue;
        }
        if (desired.refusal(c, g, null).isPresent()) {
          // the connection's record filter keeps it out: Start does not send it (Egress skips it the same way)
          count(skipped, FILTERED_OUT);
          sample(samples, "skipped_" + FILTERED_OUT, mask(email));
          continue;
        }
        if (!gated) {
          count(createThere, "created");
          sample(samples, "create_there", mask(email));
          continue;
        }
        AudienceConsent.Decision d = AudienceConsent.forNew(c.system(), c.settings(),
            g.fields().get(ContactField.MARKETING_STATUS),
            () -> Optional.ofNullable(connectedAt));
        if (d.sent()) {
          count(createThere, d.status());
          sample(samples, "create_there_" + d.status(), mask(email));
        } else {
          count(skipped, d.reason());
          sample(samples, "skipped_" + d.reason(), mask(email));
          if (AudienceConsent.NO_CONSENT.equals(d.reason())) {
            transactionalIfSet++;
          }
        }
      }
    } while (page.size() == 500);

    int toReview = db.sql("select count(*) from identity_match where tenant_id = ? and status = 'PENDING'")
        .param(tenantId).query(Integer.class).single();
    return Optional.of(new Plan(c.id(), c.system(), state, gated,
        ConsentSetting.sendsTransactional(c.settings()) ? ConsentSetting.TRANSACTIONAL : ConsentSetting.SKIP,
        ConsentSetting.doubleOptIn(c.settings()), read, read - createHere, createHere, createThere, skipped, transactionalIfSet, toReview, samples, partial, problem));
  }

  private Optional<Instant> connectedAt(Connection c) {
    return db.sql("select created_at from connection where tenant_id = ? and id = ?").params(c.tenantId(), c.id())
        .query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant);
  }

  private static String email(@Nullable String raw) {
    return raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
  }

  /** {@code jane@example.com} → {@code j•••@example.com}: enough to recognise, not to read the address. */
  static String mask(String email) {
    int at = email.indexOf('@');
    if (at <= 0) {
      return "•••";
    }
    return email.charAt(0) + "•••" + email.substring(at);
  }

  private static void sample(Map<String, List<String>> samples, String bucket, String value) {
    List<String> s = samples.computeIfAbsent(bucket, k -> new ArrayList<>());
    if (s.size() < SAMPLE) {
      s.add(value);
    }
  }

  private static void count(Map<String, Integer> counts, String key) {
    counts.merge(key, 1, Integer::sum);
  }
}
