package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.AllowedVendorHosts;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.ConsentSetting;
import dev.switchboard.app.connectors.ConnectorDescriptor;
import dev.switchboard.app.connectors.ConnectorDescriptor.CredentialField;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.ListsDeletions;
import dev.switchboard.app.connectors.RateLimitPolicy;
import dev.switchboard.app.connectors.TypeBinding;
import dev.switchboard.app.connectors.VendorConnector;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.VendorHttp;
import dev.switchboard.app.connectors.WebhookRequest;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Mailchimp audience (list) members. See docs/integrations/mailchimp_mapping.md. One vendor type, {@code member},
 * bound by {@link MailchimpMemberBinding}; what is per connection (the credential check, the list's webhook, the
 * concurrency limit) stays here.
 */
@Component
@EnableConfigurationProperties(MailchimpProperties.class)
public class MailchimpConnector extends VendorConnector implements ListsDeletions {

  static final String SYSTEM = "mailchimp";
  /** The vendor type: an audience (list) member, a contact record. */
  public static final String MEMBER = "member";
  static final int PAGE_SIZE = 1000;
  static final int MAX_BATCH = 500;
  private static final String MERGE_PREFIX = "merge_fields.";

  private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(SYSTEM, "marketing", "Mailchimp",
      List.of(CanonicalRecord.CONTACT),
      List.of(new CredentialField("apiKey", "API key (ends in -usNN)", true),
          new CredentialField("webhookSecret", "Webhook secret (random; put in the callback URL)", true),
          new CredentialField("listId", "Audience (list) id", false),
          new CredentialField(ConsentSetting.WITHOUT_CONSENT,
              "Contacts without a recorded opt-in: skip (default) or transactional", false),
          new CredentialField(ConsentSetting.DOUBLE_OPT_IN,
              "Double opt-in for people who opt in after connecting: true or false (default)", false),
          new CredentialField("mergeFields", "Merge fields (field=TAG, comma separated)", false),
          new CredentialField("baseUrl", "API base URL override", false)),
      "https://mailchimp.com/developer/marketing/api/list-members/", List.of("*.api.mailchimp.com"));

  private final MailchimpProperties properties;
  private final MailchimpClient client;

  private final MailchimpWebhooks webhooks;
  private final MailchimpMemberBinding members;

  /** A connector whose connections may override the base URL only within Mailchimp's hosts (or the configured one). */
  public MailchimpConnector(VendorHttp http, MailchimpProperties properties) {
    this(http, properties, AllowedVendorHosts.none());
  }

  public MailchimpConnector(VendorHttp http, MailchimpProperties properties, AllowedVendorHosts allowed) {
    this(http, properties, allowed, dev.switchboard.app.connectors.AccessTokens.AS_STORED);
  }

  /**
   * {@code tokens}: what an OAuth connection's refused token means (its grant withdrawn), looked up at the first
   * call: it marks connections in the database, which this connector's migrations need first.
   */
  @org.springframework.beans.factory.annotation.Autowired
  public MailchimpConnector(VendorHttp http, MailchimpProperties properties, AllowedVendorHosts allowed,
      org.springframework.beans.factory.ObjectProvider<dev.switchboard.app.connectors.AccessTokens> tokens) {
    this(http, properties, allowed, dev.switchboard.app.connectors.AccessTokens.lazily(
        () -> tokens.getIfAvailable(() -> dev.switchboard.app.connectors.AccessTokens.AS_STORED)));
  }

  private MailchimpConnector(VendorHttp http, MailchimpProperties properties, AllowedVendorHosts allowed,
      dev.switchboard.app.connectors.AccessTokens tokens) {
    super(DESCRIPTOR, properties.baseUrl(), allowed, new MailchimpWebhookVerifier());
    this.properties = properties;
    this.client = new MailchimpClient(http, properties, hosts(), rateLimitPolicy(), tokens);
    this.webhooks = new MailchimpWebhooks(client);
    this.members = new MailchimpMemberBinding(client, properties.pageSize());
  }

  /** Mailchimp limits concurrency (10 simultaneous connections), not request rates, and sends no headers. */
  @Override
  public RateLimitPolicy rateLimitPolicy() {
    return new RateLimitPolicy(List.of(), properties.maxConcurrent(), null, null);
  }

  /** List members, which are contacts. */
  @Override
  public List<TypeBinding> bindings() {
    return List.of(members);
  }

  /** A member id is the MD5 of the lower-cased e-mail: a dictionary of e-mails reverses it. */
  @Override
  public boolean idsArePersonal() {
    return true;
  }

  @Override
  public String check(ConnectionContext connection) {
    client.ping(connection);
    JsonNode list = client.getList(connection, listId(connection));
    return list.path("id").asString(listId(connection));
  }

  @Override
  public java.util.Optional<String> syncTargetSetting() {
    return java.util.Optional.of("listId");
  }

  /** The account's audiences (lists), 1,000 a page, by name; the choice is the {@code listId} setting. */
  @Override
  public java.util.Optional<SyncTargets> syncTargets(ConnectionContext connection) {
    List<SyncTarget> out = new java.util.ArrayList<>();
    int total;
    do {
      JsonNode page = client.lists(connection, out.size());
      total = page.path("total_items").asInt(0);
      int before = out.size();
      for (JsonNode l : page.path("lists")) {
        JsonNode count = l.path("stats").path("member_count");
        out.add(new SyncTarget(l.path("id").asString(), l.path("name").asString(""),
            count.isNumber() ? count.asInt() : null));
      }
      if (out.size() == before) {
        break;
      }
    } while (out.size() < total);
    return java.util.Optional.of(new SyncTargets("listId", out));
  }

  /**
   * A merge field a mapping names ({@code merge_fields.TAG}): added to the audience unless it has the tag already (its
   * merge fields are read first, 1,000 a page), as {@link MailchimpMergeFieldTypes#create} says for {@code spec}.
   * Mailchimp refuses a tag that is not letters, digits and {@code _} of at most 10 characters (400 "Invalid
   * Resource"): that refusal is the caller's to report. A top-level member field the mapping names is there already.
   */
  @Override
  public EnsuredField ensureField(ConnectionContext connection, String vendorType, String vendorField, String label,
      dev.switchboard.app.mapping.FieldSpec spec) {
    if (MEMBER.equals(vendorType) && !vendorField.startsWith(MERGE_PREFIX)
        && MailchimpMapper.MAPPING.vendorFields().contains(vendorField)) {
      return new EnsuredField(false, null); // a member's own field the mapping names (tags): every member has it
    }
    String tag = tag(vendorType, vendorField);
    String listId = listId(connection);
    java.util.Optional<JsonNode> there = mergeField(connection, listId, tag);
    if (there.isPresent()) {
      return new EnsuredField(false, MailchimpMergeFieldTypes.spec(there.get()));
    }
    client.createMergeField(connection, listId, MailchimpMergeFieldTypes.create(tag, label, spec));
    return new EnsuredField(true, null);
  }

  /** A merge field's definition, read from the audience's merge fields; members only. */
  @Override
  public java.util.Optional<dev.switchboard.app.mapping.FieldSpec> describeField(ConnectionContext connection,
      String vendorType, String vendorField) {
    if (!MEMBER.equals(vendorType) || !vendorField.startsWith(MERGE_PREFIX)) {
      return java.util.Optional.empty();
    }
    return mergeField(connection, listId(connection), tag(vendorType, vendorField))
        .map(MailchimpMergeFieldTypes::spec);
  }

  private static String tag(String vendorType, String vendorField) {
    if (!MEMBER.equals(vendorType) || !vendorField.startsWith(MERGE_PREFIX)) {
      throw new IllegalArgumentException("mailchimp creates merge fields of members only (merge_fields.TAG)");
    }
    return vendorField.substring(MERGE_PREFIX.length()).toUpperCase(java.util.Locale.ROOT);
  }

  /** The audience's merge field {@code tag} (upper case), read from its merge fields 1,000 a page. */
  private java.util.Optional<JsonNode> mergeField(ConnectionContext connection, String listId, String tag) {
    int total;
    int offset = 0;
    do {
      JsonNode page = client.mergeFields(connection, listId, offset);
      total = page.path("total_items").asInt(0);
      int seen = 0;
      for (JsonNode f : page.path("merge_fields")) {
        if (f.path("tag").asString("").toUpperCase(java.util.Locale.ROOT).equals(tag)) {
          return java.util.Optional.of(f);
        }
        seen++;
      }
      offset += seen;
      if (seen == 0) {
        break;
      }
    } while (offset < total);
    return java.util.Optional.empty();
  }

  /** Members are an audience: nobody is added without a recorded opt-in, nor (re)subscribed ({@link ConsentSetting}). */
  @Override
  public boolean consentGated(String vendorType) {
    return MEMBER.equals(vendorType);
  }

  /** {@link ConsentSetting}'s values. */
  @Override
  public java.util.Optional<java.util.Map.Entry<String, String>> settingRefusal(java.util.Map<String, String> settings) {
    return ConsentSetting.refusal(settings);
  }

  /** See {@link MailchimpWebhookParser#parse}. */
  @Override
  public List<InboundEvent> parseWebhook(WebhookRequest request) {
    return MailchimpWebhookParser.parse(request);
  }

  /** Archived members are still listed (by status), so reconciliation can sweep them. */
  @Override
  public boolean listsDeletions(String vendorType) {
    return MEMBER.equals(vendorType);
  }

  /**
   * The audience's archived members, 1,000 a page by offset, dated by {@code last_changed} (the archive changed it).
   * A member unarchived during the sweep shifts the offsets: one it skips is seen by the next sweep.
   */
  @Override
  public DeletedPage listDeleted(ConnectionContext connection, String vendorType, @Nullable String cursor) {
    if (!MEMBER.equals(vendorType)) {
      throw new IllegalArgumentException("mailchimp connector binds no vendor type '" + vendorType + "'");
    }
    int offset = cursor == null ? 0 : Integer.parseInt(cursor);
    JsonNode page = client.listArchivedMembers(connection, listId(connection), offset, 1000);
    List<Deleted> deleted = new java.util.ArrayList<>();
    for (JsonNode m : page.path("members")) {
      deleted.add(new Deleted(m.path("id").asString(), MailchimpMapper.lastChanged(m)));
    }
    int next = offset + deleted.size();
    return new DeletedPage(deleted, deleted.isEmpty() || next >= page.path("total_items").asInt(0) ? null
        : Integer.toString(next));
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

  /** The connection's audience ({@code listId} setting). */
  static String listId(ConnectionContext connection) {
    String id = connection.setting("listId");
    if (id == null || id.isBlank()) {
      throw new VendorException(0, false, null, "missing_setting", "connection has no listId");
    }
    return id.trim();
  }
}
