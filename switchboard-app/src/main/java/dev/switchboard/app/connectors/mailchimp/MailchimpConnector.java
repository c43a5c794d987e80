package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.AllowedVendorHosts;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.VendorConnector;
import dev.switchboard.app.connectors.ConnectorDescriptor;
import dev.switchboard.app.connectors.ConnectorDescriptor.CredentialField;
import dev.switchboard.app.connectors.DeleteResult;
import dev.switchboard.app.connectors.DeleteSemantics;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.ListsDeletions;
import dev.switchboard.app.connectors.RateLimitPolicy;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.TimestampCapability;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.VendorHosts;
import dev.switchboard.app.connectors.VendorHttp;
import dev.switchboard.app.connectors.VendorType;
import dev.switchboard.app.connectors.WebhookRequest;
import dev.switchboard.app.connectors.WebhookVerifier;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Mailchimp audience (list) members. See docs/integrations/mailchimp_mapping.md. */
@Component
@EnableConfigurationProperties(MailchimpProperties.class)
public class MailchimpConnector extends VendorConnector implements ListsDeletions {

  static final String SYSTEM = "mailchimp";
  /** The vendor type: an audience (list) member, a contact record. */
  public static final String MEMBER = "member";
  static final int PAGE_SIZE = 1000;
  static final int MAX_BATCH = 500;

  private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(SYSTEM, "marketing", "Mailchimp",
      List.of(CanonicalRecord.CONTACT),
      List.of(new CredentialField("apiKey", "API key (ends in -usNN)", true),
          new CredentialField("webhookSecret", "Webhook secret (random; put in the callback URL)", true),
          new CredentialField("listId", "Audience (list) id", false),
          new CredentialField("statusIfNew", "Status for new members (default subscribed)", false),
          new CredentialField("mergeFields", "Merge fields (field=TAG, comma separated)", false),
          new CredentialField("baseUrl", "API base URL override", false)),
      "https://mailchimp.com/developer/marketing/api/list-members/", List.of("*.api.mailchimp.com"));

  private final MailchimpProperties properties;
  private final MailchimpClient client;

  private final MailchimpWebhooks webhooks;
  private final MailchimpMemberWrites writes;
  private final MailchimpMemberPages pages;

  /** A connector whose connections may override the base URL only within Mailchimp's hosts (or the configured one). */
  public MailchimpConnector(VendorHttp http, MailchimpProperties properties) {
    this(http, properties, AllowedVendorHosts.none());
  }

  @org.springframework.beans.factory.annotation.Autowired
  public MailchimpConnector(VendorHttp http, MailchimpProperties properties, AllowedVendorHosts allowed) {
    super(DESCRIPTOR, properties.baseUrl(), allowed, new MailchimpWebhookVerifier());
    this.properties = properties;
    this.client = new MailchimpClient(http, properties, hosts(), rateLimitPolicy());
    this.webhooks = new MailchimpWebhooks(client);
    this.writes = new MailchimpMemberWrites(client);
    this.pages = new MailchimpMemberPages(client, properties.pageSize());
  }

  /** Mailchimp limits concurrency (10 simultaneous connections), not request rates, and sends no headers. */
  @Override
  public RateLimitPolicy rateLimitPolicy() {
    return new RateLimitPolicy(List.of(), properties.maxConcurrent(), null, null);
  }

  /** List members, which are contacts. */
  @Override
  public List<VendorType> vendorTypes() {
    return List.of(VendorType.of(MEMBER, CanonicalRecord.CONTACT));
  }

  /** Archived members are still listed (by status), so reconciliation can sweep them. */
  @Override
  public boolean listsDeletions(String vendorType) {
    return MEMBER.equals(vendorType);
  }

  /**
   * The audience's archived members, {@value #PAGE_SIZE} a page by offset, dated by {@code last_changed} (the archive
   * changed it). A member unarchived during the sweep shifts the offsets: one it skips is seen by the next sweep.
   */
  @Override
  public DeletedPage listDeleted(ConnectionContext connection, String vendorType, @Nullable String cursor) {
    requireContact(vendorType);
    int offset = cursor == null ? 0 : Integer.parseInt(cursor);
    JsonNode page = client.listArchivedMembers(connection, listId(connection), offset, PAGE_SIZE);
    List<Deleted> deleted = new java.util.ArrayList<>();
    for (JsonNode m : page.path("members")) {
      deleted.add(new Deleted(m.path("id").asString(), MailchimpMapper.lastChanged(m)));
    }
    int next = offset + deleted.size();
    return new DeletedPage(deleted, deleted.isEmpty() || next >= page.path("total_items").asInt(0) ? null
        : Integer.toString(next));
  }

  /** A member's {@code last_changed} is one time per member, in whole seconds. */
  @Override
  public TimestampCapability timestamps(String objectType) {
    return TimestampCapability.perRecord(java.time.Duration.ofSeconds(1));
  }

  /** A member id is the MD5 of the lower-cased e-mail: a dictionary of e-mails reverses it. */
  @Override
  public boolean idsArePersonal() {
    return true;
  }

  /** An address without a street, city, state and zip is left out of member writes: Mailchimp refuses the member. */
  /** ADDRESS has two street lines. */
  @Override
  public Object heldAs(String objectType, String field, Object value) {
    return dev.switchboard.app.connectors.AddressLines.folded(value, 2);
  }

  @Override
  public boolean accepts(String objectType, String field, Object value) {
    return !(value instanceof Map<?, ?> address) || MailchimpMapper.isCompleteAddress(address);
  }

  @Override
  public int maxBatchSize(String objectType) {
    return MAX_BATCH;
  }

  @Override
  public String check(ConnectionContext connection) {
    client.ping(connection);
    JsonNode list = client.getList(connection, listId(connection));
    return list.path("id").asString(listId(connection));
  }

  @Override
  public Optional<SourceRecord> fetch(ConnectionContext connection, String objectType, String externalId) {
    requireContact(objectType);
    Optional<JsonNode> member = client.getMember(connection, listId(connection), externalId);
    if (member.isEmpty() || "archived".equals(member.get().path("status").asString(""))) {
      return Optional.empty();
    }
    return Optional.of(MailchimpMapper.source(member.get(), mergeFields(connection)));
  }

  /** See {@link MailchimpMemberPages}: keyset paging by {@code last_changed}, bulk imports by pinned bands. */
  @Override
  public RecordPage listModified(ConnectionContext connection, String objectType, @Nullable Instant since,
      @Nullable String cursor) {
    requireContact(objectType);
    return pages.page(connection, listId(connection), mergeFields(connection), since, cursor);
  }

  /** See {@link MailchimpMemberWrites#write}. */
  @Override
  public List<WriteResult> write(ConnectionContext connection, String objectType, List<WriteRequest> batch) {
    requireContact(objectType);
    if (batch.size() > MAX_BATCH) {
      throw new IllegalArgumentException("mailchimp batch larger than " + MAX_BATCH);
    }
    return writes.write(connection, listId(connection), mergeFields(connection), statusIfNew(connection), batch);
  }

  /** Members are archived ({@code DELETE}), never deleted permanently: an archived member can be restored. */
  @Override
  public Optional<DeleteSemantics> deleteSemantics(String objectType) {
    return MEMBER.equals(objectType) ? Optional.of(DeleteSemantics.ARCHIVE) : Optional.empty();
  }

  /**
   * Archives each member, one {@code DELETE} call each. A member already gone (404: archived, deleted or never there)
   * is {@link DeleteResult.Deleted}; other 4xx answers reject that member; 401/403/429/5xx fail the whole call.
   */
  @Override
  public List<DeleteResult> delete(ConnectionContext connection, String objectType, List<String> externalIds) {
    requireContact(objectType);
    List<DeleteResult> out = new ArrayList<>();
    for (String hash : externalIds) {
      MailchimpClient.MailchimpResponse r = client.archiveMember(connection, listId(connection), hash);
      if (r.ok() || r.status() == 404) {
        out.add(new DeleteResult.Deleted(hash));
      } else {
        out.add(new DeleteResult.Rejected(hash, MailchimpClient.errorCode(r.body(), r.status()),
            "mailchimp archive member failed (" + r.status() + "): " + MailchimpClient.detail(r.body())));
      }
    }
    return out;
  }

  /** See {@link MailchimpWebhookParser#parse}. */
  @Override
  public List<InboundEvent> parseWebhook(WebhookRequest request) {
    return MailchimpWebhookParser.parse(request);
  }

  /** See {@link MailchimpWebhooks#register}. */
  @Override
  public boolean registerWebhook(ConnectionContext connection, String callbackUrl) {
    return webhooks.register(connection, listId(connection), callbackUrl);
  }

  /** See {@link MailchimpWebhooks#unregister}. */
  @Override
  public boolean unregisterWebhook(ConnectionContext connection, String callbackUrl) {
    return webhooks.unregister(connection, listId(connection), callbackUrl);
  }

  private static String listId(ConnectionContext connection) {
    String id = connection.setting("listId");
    if (id == null || id.isBlank()) {
      throw new VendorException(0, false, null, "missing_setting", "connection has no listId");
    }
    return id.trim();
  }

  private static String statusIfNew(ConnectionContext connection) {
    String s = connection.setting("statusIfNew");
    if (s == null || s.isBlank()) {
      return "subscribed";
    }
    s = s.trim().toLowerCase(Locale.ROOT);
    return MailchimpMapper.WRITABLE_STATUSES.contains(s) ? s : "subscribed";
  }

  private static Map<String, String> mergeFields(ConnectionContext connection) {
    return MailchimpMapper.mergeFields(connection.setting("mergeFields"));
  }

  private static void requireContact(String objectType) {
    if (!MEMBER.equals(objectType)) {
      throw new IllegalArgumentException("mailchimp connector syncs list members only, not " + objectType);
    }
  }
}
