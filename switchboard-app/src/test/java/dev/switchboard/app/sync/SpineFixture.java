package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connections.ConnectionsFixture;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.events.EventsFixture;
import dev.switchboard.app.mapping.FieldAuthority;
import dev.switchboard.app.mapping.FieldAuthorityFixture;
import dev.switchboard.app.mapping.FieldMappings;
import dev.switchboard.app.support.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sync engine wired by hand over an in-memory H2 database (the real SQL), two in-memory vendors behind the
 * connector SPI, and a clock the test moves: the spine's contracts tested in milliseconds, without Spring, HTTP
 * or sleeping. Workers do not run; the test drives them with {@link #inbound()}, {@link #egress()} and
 * {@link #settle()}.
 */
final class SpineFixture {
  static final String TENANT = "t1";
  static final Instant START = Instant.parse("2026-06-01T09:00:00.700Z");
  static final long LEASE_MS = 60_000;

  final MutableClock clock;
  final DataSource dataSource = TestDatabases.migrated(TestDatabases.freshH2Url());
  final JdbcClient db = JdbcClient.create(dataSource);
  final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  final Vault vault = new Vault(new byte[32]);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final FakeConnector hubspot;
  final FakeConnector mailchimp;
  /** A third system, connected by {@link #connectErp}: it takes contacts and companies and keeps associations. */
  final FakeConnector erp;
  /** Whether the fake ERP takes companies (false: they are filtered out of it). */
  volatile boolean erpTakesCompanies = true;

  final Tenants tenants;
  final EventsFixture events;
  final Connections connections;
  final ConnectorRegistry registry;
  final FieldMappings mappings = new FieldMappings() {
    @Override
    public java.util.Set<String> fieldsFor(String system, String type, Map<String, String> settings) {
      if (system.equals("erp") && type.equals("company")) {
        return erpTakesCompanies ? java.util.Set.of("name", "domain") : java.util.Set.of();
      }
      return super.fieldsFor(system, type, settings);
    }

    @Override
    public dev.switchboard.app.mapping.RecordFilter filterFor(String system, String type, String vendorType,
        Map<String, String> settings) {
      return system.equals("erp") && type.equals("company") ? erpCompanyFilter
          : super.filterFor(system, type, vendorType, settings);
    }

    @Override
    public java.util.Set<String> filterFields(String system, String type, Map<String, String> settings) {
      return system.equals("erp") && type.equals("company") && erpCompanyFilter.field() != null
          ? java.util.Set.of(erpCompanyFilter.field()) : super.filterFields(system, type, settings);
    }
  };
  /** The fake ERP's record filter of companies (it has no mapping file to carry one). */
  volatile dev.switchboard.app.mapping.RecordFilter erpCompanyFilter = dev.switchboard.app.mapping.RecordFilter.ALL;
  final FieldAuthority authority;
  final WorkSignal signal = new WorkSignal();
  final ExternalIds externalIds;
  final GoldenRecords golden;
  final Projections projections;
  final Links links;
  final IdentityResolver identity;
  final IdentitySettings identitySettings;
  final IdentityReviews reviews;
  final Outbox outbox;
  final SyncJobs jobs;
  final SyncCursors cursors;
  final SyncMetrics metrics;
  final Breakers breakers;
  final RetryPolicy retry = new RetryPolicy(250, 60_000, 2.0, 0.0, 8);
  final SyncEngine engine;
  final AppliedChanges appliedChanges;
  final Derivations derivations;
  final DerivedRecords derivedRecords;
  final DeletePropagation deletePropagation;
  final EgressDeletes egressDeletes;
  final RecordMerges merges;
  final RecordSplits splits;
  final InboundProcessor inbound;
  final Egress egressWorker;
  final Edges edges;
  final FirstSyncGate firstSync;
  final DesiredValues desired;
  final Dependents dependents;
  final AssociatedRecords associated;
  final Reconciler reconciler;
  final EdgeOutbox edgeOutbox;
  final EdgeSnapshots edgeSnapshots;
  final EdgeFanOut edgeFanOut;
  final Waiting waiting;
  final EdgeEgress edgeEgress;
  final MergeRepeats mergeRepeats;
  final MergeEgress mergeEgress;
  final ApiUpserts apiUpserts;
  /** What the API does with the spine (the seed-2 upserts). */
  final SyncOperations operations;

  final Connection hubspotConnection;
  Connection mailchimpConnection;
  Connection erpConnection;

  /** HubSpot and Mailchimp connected, both in-memory fakes. */
  SpineFixture() {
    this(true);
  }

  SpineFixture(boolean withMailchimp) {
    this(new MutableClock(START), withMailchimp, null, Map.of());
  }

  /**
   * @param clock            the clock of the spine (and of whatever the test points the connector at)
   * @param hubspotConnector the connector the HubSpot connection uses instead of the in-memory fake (e.g. the real
   *                         one pointed at a local fake server); null for the fake
   * @param hubspotSettings  the HubSpot connection's settings
   */
  SpineFixture(MutableClock clock, boolean withMailchimp, Connector hubspotConnector,
      Map<String, String> hubspotSettings) {
    this(clock, withMailchimp, hubspotConnector, hubspotSettings, FieldPriority.of(List.of("api", "hubspot", "mailchimp")));
  }

  /** As above, with this tie-break order ({@code switchboard.merge.*}). */
  SpineFixture(MutableClock clock, boolean withMailchimp, Connector hubspotConnector,
      Map<String, String> hubspotSettings, FieldPriority priority) {
    this.clock = clock;
    hubspot = new FakeConnector("hubspot", clock, ChronoUnit.MILLIS);
    mailchimp = new FakeConnector("mailchimp", clock, ChronoUnit.SECONDS);
    erp = new FakeConnector("erp", clock, ChronoUnit.MILLIS);
    tenants = ConnectionsFixture.tenants(db, clock);
    events = new EventsFixture(db, clock);
    connections = ConnectionsFixture.connections(db, vault, clock, events.alerts);
    registry = new ConnectorRegistry(List.of(hubspotConnector == null ? hubspot : hubspotConnector, mailchimp, erp));
    externalIds = new ExternalIds(vault, registry);
    projections = new Projections(db, clock);
    golden = new GoldenRecords(db, vault, clock, projections);
    authority = FieldAuthorityFixture.of(db, clock);
    links = new Links(db, vault, externalIds, clock, tx);
    identitySettings = new IdentitySettings(db, clock);
    identity = new IdentityResolver(db, vault, golden, identitySettings);
    outbox = new Outbox(db, clock, tx, signal);
    jobs = new SyncJobs(db, clock, vault, externalIds, tx, signal);
    cursors = new SyncCursors(db, tx, clock);
    metrics = new SyncMetrics(meters);
    breakers = new Breakers(clock, 5, 30_000);
    edges = new Edges(db, clock);
    var derived = new dev.switchboard.app.mapping.DerivedFields();
    desired = new DesiredValues(golden, edges, mappings, derived, registry);
    dependents = new Dependents(edges, derived, connections, golden, outbox, metrics);
    deletePropagation = new DeletePropagation(links, outbox, golden, connections, clock);
    MergePolicies policies = new MergePolicies(registry, priority);
    mergeRepeats = new MergeRepeats(db, clock, tx, signal);
    merges = new RecordMerges(golden, links, edges, dependents, outbox, connections, mappings, events.events, vault, db,
        registry, externalIds, mergeRepeats);
    edgeOutbox = new EdgeOutbox(db, clock, tx, signal);
    edgeSnapshots = new EdgeSnapshots(db, clock);
    edgeFanOut = new EdgeFanOut(connections, registry, edgeOutbox, edges, edgeSnapshots, golden);
    appliedChanges = new AppliedChanges(identity, outbox, connections, mappings, dependents, edgeFanOut, events.events,
        metrics, vault, db, clock);
    splits = new RecordSplits(golden, links, identity, outbox, edges, edgeSnapshots, edgeOutbox, connections,
        events.events, externalIds, vault, db, tx, clock);
    reviews = new IdentityReviews(db, vault, golden, merges, splits, events.events, tx, clock);
    engine = new SyncEngine(golden, links, identity, outbox, tenants, authority, registry, events.events, metrics,
        externalIds, policies, desired, deletePropagation, appliedChanges, reviews);
    derivations = new Derivations(db, vault, externalIds, clock);
    egressDeletes = new EgressDeletes(outbox, golden, links, connections, deletePropagation, breakers, metrics,
        events.events, externalIds, tx, clock);
    mergeEgress = new MergeEgress(mergeRepeats, golden, links, externalIds, connections, registry, breakers, retry,
        metrics, events.events, events.alerts, tx, clock, LEASE_MS);
    derivedRecords = new DerivedRecords(derivations, golden, identity, engine, authority, policies, appliedChanges, edges,
        edgeFanOut, externalIds, metrics);
    associated = new AssociatedRecords(links, edges, edgeSnapshots, edgeOutbox, edgeFanOut, dependents, engine,
        derivedRecords, metrics, tx, clock);
    waiting = new Waiting(links, edges, outbox, edgeOutbox, edgeSnapshots, desired, events.alerts, metrics, tx);
    edgeEgress = new EdgeEgress(edgeOutbox, edgeSnapshots, waiting, golden, connections, registry, breakers, retry,
        metrics, events.alerts, tx, clock, LEASE_MS);
    inbound = new InboundProcessor(jobs, engine, merges, associated, derivedRecords, connections, registry, breakers, retry,
        metrics, tx, clock, LEASE_MS);
    firstSync = new FirstSyncGate(db, registry, false); // see FirstSyncTests
    egressWorker = new Egress(outbox, golden, links, connections, registry, mappings, desired, firstSync, breakers,
        retry, metrics, events.events, events.alerts, externalIds, tx, clock, LEASE_MS, egressDeletes, waiting,
        edgeEgress, mergeEgress, edgeFanOut, derivations, reviews, new AudienceConsent(db));
    reconciler = new Reconciler(connections, registry, jobs, cursors,
        new AssociationSweep(links, edgeSnapshots, jobs, cursors, tx, clock), events.alerts, retry, tx, clock, 300_000,
        120_000, 10);
    apiUpserts = new ApiUpserts(engine, egressWorker, links, golden, identity, edges, edgeFanOut, registry, mappings,
        desired, tx, clock);
    operations = new SyncOperations(engine, outbox, edgeOutbox, egressWorker, jobs, links, golden, connections, cursors,
        registry, tx, clock, apiUpserts);
    tenants.ensure(TENANT, "Tenant one", "US");
    hubspotConnection = ConnectionsFixture.connect(connections, TENANT, "hubspot", "acct-hubspot", hubspotSettings,
        Map.of("accessToken", "pat-test"));
    if (withMailchimp) {
      connectMailchimp();
    }
  }

  void connectMailchimp() {
    mailchimpConnection = ConnectionsFixture.connect(connections, TENANT, "mailchimp", "acct-mailchimp", Map.of(),
        Map.of());
  }

  /** Connects the fake ERP, whose contacts keep their companies ({@code requiredAtCreate}: a contact needs one). */
  void connectErp(boolean companyRequiredAtCreate) {
    erp.kinds.put("contact", List.of(new dev.switchboard.app.connectors.AssociationKind("company", "company",
        companyRequiredAtCreate)));
    connectErp(Map.of());
  }

  /** Connects the fake ERP as a second CRM-like system, with these settings and no associations. */
  void connectErp(Map<String, String> settings) {
    erpConnection = ConnectionsFixture.connect(connections, TENANT, "erp", "acct-erp", settings, Map.of());
  }

  /** Replaces the connection's settings (as an edit in the console would, without the vendor check). */
  void settings(FakeConnector vendor, Map<String, String> settings) {
    String json = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(settings);
    tx.executeWithoutResult(s -> db.sql("update connection set settings_json = ? where id = ?")
        .params(json, connectionOf(vendor).id()).update());
  }

  Connection connectionOf(FakeConnector vendor) {
    return vendor == hubspot ? hubspotConnection : vendor == erp ? erpConnection : mailchimpConnection;
  }

  /** The vendor's webhook for {@code id} reached the inbox. */
  void webhook(FakeConnector vendor, String id) {
    tx.executeWithoutResult(s -> jobs.enqueue(TENANT, connectionOf(vendor).id(), vendor.changed(id), "corr-" + id));
  }

  /** The vendor's association-change webhook for {@code id} reached the inbox (HubSpot {@code associationChange}). */
  void associationsChanged(FakeConnector vendor, String id) {
    tx.executeWithoutResult(s -> jobs.enqueue(TENANT, connectionOf(vendor).id(), vendor.associationsChanged(id),
        "corr-assoc-" + id));
  }

  int inbound() {
    return inbound.runOnce("in-test", 100);
  }

  int egress() {
    return egressWorker.runOnce("out-test", 100);
  }

  /** Runs inbound and egress work, moving the clock a second each round, until nothing is left to do. */
  void settle() {
    for (int round = 0, idle = 0; idle < 2; round++) {
      if (round > 100) {
        throw new IllegalStateException("the spine does not settle: " + pending());
      }
      clock.advance(Duration.ofSeconds(1));
      int n = inbound() + egress();
      idle = n == 0 ? idle + 1 : 0;
    }
  }

  List<Map<String, Object>> pending() {
    return db.sql("select 'job' as kind, external_id as ref, status, attempts from sync_job where status <> 'DONE' union all "
        + "select 'task', canonical_id, status, attempts from outbox_task where status <> 'DONE' union all "
        + "select 'edge', from_id, status, attempts from outbox_edge_task where status not in ('DONE', 'SKIPPED')")
        .query().listOfRows();
  }

  /** The golden record's value of {@code field} for the person with {@code email}. */
  Object goldenValue(String email, String field) {
    String id = identity.lookup(TENANT, "contact", IdentityResolver.EMAIL, email).orElseThrow();
    FieldValue v = golden.find(TENANT, id).orElseThrow().fields().get(field);
    return v == null ? null : v.value();
  }
}
