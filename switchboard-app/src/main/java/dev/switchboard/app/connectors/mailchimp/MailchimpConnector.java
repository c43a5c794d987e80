package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorDescriptor;
import dev.switchboard.app.connectors.ConnectorDescriptor.CredentialField;
import dev.switchboard.app.connectors.FormUrlEncoding;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.RateLimitPolicy;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.VendorHttp;
import dev.switchboard.app.connectors.WebhookRequest;
import dev.switchboard.app.connectors.WebhookVerifier;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Mailchimp audience (list) members. See docs/integrations/mailchimp_mapping.md. */
@Component
@EnableConfigurationProperties(MailchimpProperties.class)
public class MailchimpConnector implements Connector {

  static final String SYSTEM = "mailchimp";
  static final int PAGE_SIZE = 1000;
  static final int MAX_BATCH = 500;
  static final String MEMBER_FIELDS = "members.id,members.email_address,members.status,members.merge_fields,"
      + "members.tags,members.last_changed,total_items";

  private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(SYSTEM, "marketing", "Mailchimp",
      List.of(CanonicalRecord.CONTACT),
      List.of(new CredentialField("apiKey", "API key (ends in -usNN)", true),
          new CredentialField("webhookSecret", "Webhook secret (random; put in the callback URL)", true),
          new CredentialField("listId", "Audience (list) id", false),
          new CredentialField("statusIfNew", "Status for new members (default subscribed)", false),
          new CredentialField("mergeFields", "Merge fields (field=TAG, comma separated)", false),
          new CredentialField("baseUrl", "API base URL override", false)),
      "https://mailchimp.com/developer/marketing/api/list-members/");

  /** {@code fired_at}: UTC, four-digit year, checked strictly (no 30 February). */
  private static final DateTimeFormatter FIRED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
      .withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern FIRED_AT_SHAPE = Pattern.compile("(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}");
  private static final Pattern MEMBER_ITEM = Pattern.compile("members\\.item:(\\d+)");
  private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");

  private final MailchimpProperties properties;
  private final MailchimpClient client;
  private final MailchimpWebhookVerifier verifier = new MailchimpWebhookVerifier();

  public MailchimpConnector(VendorHttp http, MailchimpProperties properties) {
    this.properties = properties;
    this.client = new MailchimpClient(http, properties, rateLimitPolicy());
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public WebhookVerifier webhookVerifier() {
    return verifier;
  }

  /** Mailchimp limits concurrency (10 simultaneous connections), not request rates, and sends no headers. */
  @Override
  public RateLimitPolicy rateLimitPolicy() {
    return new RateLimitPolicy(List.of(), properties.maxConcurrent(), null, null);
  }

  /** A member id is the MD5 of the lower-cased e-mail: a dictionary of e-mails reverses it. */
  @Override
  public boolean idsArePersonal() {
    return true;
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
    return Optional.of(toSource(member.get(), mergeFields(connection)));
  }

  /**
   * Keyset paging on {@code last_changed} (ascending): cursor {@code ks:<sinceEpochSecond|->:<offset>}. Each
   * next page asks again from one second before the last member seen (Mailchimp's timestamps have second
   * resolution, so the overlap re-reads at most the members of that second; the engine drops them as
   * unchanged). Plain offset paging would skip a member whenever another one changed during a long backfill
   * and moved to the end, shifting every later page by one. Only a page whose members all fall in the same
   * two seconds advances by offset instead. Archived members are left out.
   */
  @Override
  public RecordPage listModified(ConnectionContext connection, String objectType, @Nullable Instant since,
      @Nullable String cursor) {
    requireContact(objectType);
    Instant window = since == null ? null : since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    int offset = 0;
    if (cursor != null) {
      String[] parts = cursor.split(":");
      if (parts.length != 3 || !parts[0].equals("ks")) {
        throw new IllegalArgumentException("bad mailchimp cursor");
      }
      try {
        window = parts[1].equals("-") ? null : Instant.ofEpochSecond(Long.parseLong(parts[1]));
        offset = Integer.parseInt(parts[2]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad mailchimp cursor");
      }
    }
    int pageSize = properties.pageSize();
    JsonNode page = client.listMembers(connection, listId(connection), offset, pageSize,
        window == null ? null : MailchimpMapper.sinceParam(window), MEMBER_FIELDS);
    Map<String, String> merges = mergeFields(connection);
    List<SourceRecord> records = new ArrayList<>();
    int returned = 0;
    Instant last = null;
    for (JsonNode m : page.path("members")) {
      returned++;
      Instant changed = MailchimpMapper.lastChanged(m);
      if (changed != null) {
        last = changed;
      }
      if (!"archived".equals(m.path("status").asString(""))) {
        records.add(toSource(m, merges));
      }
    }
    if (returned < pageSize) {
      return new RecordPage(records, null);
    }
    Instant nextWindow = last == null ? null : last.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(1);
    boolean advances = nextWindow != null && (window == null || nextWindow.isAfter(window));
    String next = advances ? "ks:" + nextWindow.getEpochSecond() + ":0"
        : "ks:" + (window == null ? "-" : Long.toString(window.getEpochSecond())) + ":" + (offset + returned);
    return new RecordPage(records, next);
  }

  /**
   * Routes each request to the fewest calls that keep Mailchimp's semantics:
   * <ul>
   *   <li>email changed (externalId ≠ hash of the desired email) or no email but linked → {@code PATCH} the old
   *       member (one call each); the result id is the new hash;</li>
   *   <li>known desired status → one batch subscribe {@code POST /lists/{id}} with {@code update_existing};</li>
   *   <li>unknown status → {@code PUT /members/{hash}} with {@code status_if_new} (one call each): batch
   *       subscribe requires {@code status} for every member and would overwrite existing statuses.</li>
   * </ul>
   * Then, for requests whose desired record has {@code tags}, the tags are diffed against the member returned
   * by the write and only a differing set is sent ({@code POST …/tags}, one call).
   */
  @Override
  public List<WriteResult> write(ConnectionContext connection, String objectType, List<WriteRequest> batch) {
    requireContact(objectType);
    if (batch.size() > MAX_BATCH) {
      throw new IllegalArgumentException("mailchimp batch larger than " + MAX_BATCH);
    }
    String listId = listId(connection);
    Map<String, String> merges = mergeFields(connection);
    String statusIfNew = statusIfNew(connection);
    WriteResult[] results = new WriteResult[batch.size()];
    JsonNode[] written = new JsonNode[batch.size()];
    List<Integer> batched = new ArrayList<>();
    List<Integer> puts = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest w = batch.get(i);
      String email = email(w);
      String ext = w.externalId() == null || w.externalId().isBlank() ? null : w.externalId().trim();
      if (email.isEmpty()) {
        if (ext == null) {
          results[i] = new WriteResult.Rejected(w.ref(), "missing_email", ContactField.EMAIL,
              "a Mailchimp member needs an email");
        } else {
          patch(connection, listId, w, ext, merges, i, results, written, puts);
        }
      } else if (ext != null && !ext.equalsIgnoreCase(MailchimpMapper.subscriberHash(email))) {
        patch(connection, listId, w, ext, merges, i, results, written, puts);
      } else if (MailchimpMapper.writableStatus(w.desired()) != null) {
        batched.add(i);
      } else {
        puts.add(i);
      }
    }
    // one member per email in a batch subscribe: the last (newest) request wins, earlier duplicates share it
    Map<String, Integer> lastByEmail = new HashMap<>();
    for (int i : batched) {
      lastByEmail.put(email(batch.get(i)).toLowerCase(Locale.ROOT), i);
    }
    List<Integer> unique = new ArrayList<>();
    Map<Integer, Integer> duplicateOf = new HashMap<>();
    for (int i : batched) {
      int keeper = lastByEmail.get(email(batch.get(i)).toLowerCase(Locale.ROOT));
      if (keeper == i) {
        unique.add(i);
      } else {
        duplicateOf.put(i, keeper);
      }
    }
    if (!unique.isEmpty()) {
      batchSubscribe(connection, listId, batch, unique, merges, results, written, true);
    }
    for (int i : puts) {
      WriteRequest w = batch.get(i);
      String hash = MailchimpMapper.subscriberHash(email(w));
      ObjectNode body = MailchimpMapper.toMember(w.desired(), merges);
      body.put("status_if_new", statusIfNew);
      String status = MailchimpMapper.writableStatus(w.desired());
      if (status != null) {
        body.put("status", status);
      }
      MailchimpClient.MailchimpResponse r = client.putMember(connection, listId, hash, body);
      if (r.ok()) {
        written[i] = r.body();
        results[i] = new WriteResult.Written(w.ref(), r.body().path("id").asString(hash),
            MailchimpMapper.lastChanged(r.body()));
      } else {
        results[i] = rejected(w.ref(), r.body(), r.status());
      }
    }
    syncTags(connection, listId, batch, results, written);
    duplicateOf.forEach((dup, kept) -> results[dup] = withRef(results[kept], batch.get(dup).ref()));
    return List.of(results);
  }

  private void patch(ConnectionContext connection, String listId, WriteRequest w, String oldHash,
      Map<String, String> merges, int i, WriteResult[] results, JsonNode[] written, List<Integer> puts) {
    ObjectNode body = MailchimpMapper.toMember(w.desired(), merges);
    String status = MailchimpMapper.writableStatus(w.desired());
    if (status != null) {
      body.put("status", status);
    }
    if (body.isEmpty()) {
      results[i] = new WriteResult.Written(w.ref(), oldHash, null);
      return;
    }
    MailchimpClient.MailchimpResponse r = client.patchMember(connection, listId, oldHash, body);
    if (r.ok()) {
      written[i] = r.body();
      String fallback = email(w).isEmpty() ? oldHash : MailchimpMapper.subscriberHash(email(w));
      results[i] = new WriteResult.Written(w.ref(), r.body().path("id").asString(fallback),
          MailchimpMapper.lastChanged(r.body()));
    } else if (r.status() == 404 && !email(w).isEmpty()) {
      puts.add(i); // the old member is gone: create-or-update under the new email
    } else {
      results[i] = rejected(w.ref(), r.body(), r.status());
    }
  }

  private void batchSubscribe(ConnectionContext connection, String listId, List<WriteRequest> batch,
      List<Integer> idx, Map<String, String> merges, WriteResult[] results, JsonNode[] written,
      boolean mayRetry) {
    ObjectNode body = MailchimpClient.JSON.createObjectNode();
    ArrayNode members = body.putArray("members");
    for (int i : idx) {
      WriteRequest w = batch.get(i);
      ObjectNode m = MailchimpMapper.toMember(w.desired(), merges);
      m.put("status", MailchimpMapper.writableStatus(w.desired()));
      members.add(m);
    }
    body.put("update_existing", true);
    MailchimpClient.MailchimpResponse r = client.batchSubscribe(connection, listId, body);
    if (!r.ok()) {
      // whole-request validation error: errors[].field like "members.item:3.status" names the bad member
      Set<Integer> bad = new HashSet<>();
      for (JsonNode e : r.body().path("errors")) {
        Matcher m = MEMBER_ITEM.matcher(e.path("field").asString(""));
        if (m.find() && Integer.parseInt(m.group(1)) < idx.size()) {
          bad.add(Integer.parseInt(m.group(1)));
        }
      }
      if (!bad.isEmpty() && bad.size() < idx.size() && mayRetry) {
        List<Integer> rest = new ArrayList<>();
        for (int pos = 0; pos < idx.size(); pos++) {
          int i = idx.get(pos);
          if (bad.contains(pos)) {
            results[i] = rejected(batch.get(i).ref(), r.body(), r.status());
          } else {
            rest.add(i);
          }
        }
        batchSubscribe(connection, listId, batch, rest, merges, results, written, false);
      } else {
        for (int i : idx) {
          results[i] = rejected(batch.get(i).ref(), r.body(), r.status());
        }
      }
      return;
    }
    Map<String, JsonNode> members2 = new HashMap<>();
    for (String key : List.of("new_members", "updated_members")) {
      for (JsonNode m : r.body().path(key)) {
        members2.putIfAbsent(m.path("email_address").asString("").trim().toLowerCase(Locale.ROOT), m);
      }
    }
    Map<String, JsonNode> errors = new HashMap<>();
    for (JsonNode e : r.body().path("errors")) {
      errors.putIfAbsent(e.path("email_address").asString("").trim().toLowerCase(Locale.ROOT), e);
    }
    for (int i : idx) {
      WriteRequest w = batch.get(i);
      String key = email(w).toLowerCase(Locale.ROOT);
      String hash = MailchimpMapper.subscriberHash(email(w));
      JsonNode m = members2.get(key);
      JsonNode e = errors.get(key);
      if (m != null) {
        written[i] = m;
        results[i] = new WriteResult.Written(w.ref(), m.path("id").asString(hash), MailchimpMapper.lastChanged(m));
      } else if (e != null) {
        String field = e.path("field").asString("");
        results[i] = new WriteResult.Rejected(w.ref(), e.path("error_code").asString("ERROR_GENERIC"),
            field.isEmpty() ? null : field,
            Pii.redact(e.path("error").asString("rejected by mailchimp"), 500));
      } else {
        // not echoed (e.g. nothing changed): written, current member unknown
        results[i] = new WriteResult.Written(w.ref(), hash, null);
      }
    }
  }

  /** Sends the active/inactive tag diff for written members whose desired record carries tags. */
  private void syncTags(ConnectionContext connection, String listId, List<WriteRequest> batch,
      WriteResult[] results, JsonNode[] written) {
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest w = batch.get(i);
      if (!(results[i] instanceof WriteResult.Written ok) || !w.desired().has(ContactField.TAGS)) {
        continue;
      }
      JsonNode member = written[i];
      if (member == null || !member.has("tags")) {
        member = client.getMember(connection, listId, ok.externalId()).orElse(null);
      }
      Map<String, String> current = new TreeMap<>();
      if (member != null) {
        for (String t : MailchimpMapper.tagNames(member.path("tags"))) {
          current.put(t.toLowerCase(Locale.ROOT), t);
        }
      }
      Map<String, String> desired = new TreeMap<>();
      for (String t : w.desired().list(ContactField.TAGS)) {
        if (t != null && !t.isBlank()) {
          desired.put(t.trim().toLowerCase(Locale.ROOT), t.trim());
        }
      }
      ObjectNode body = MailchimpClient.JSON.createObjectNode();
      ArrayNode tags = body.putArray("tags");
      desired.forEach((k, name) -> {
        if (!current.containsKey(k)) {
          tags.addObject().put("name", name).put("status", "active");
        }
      });
      current.forEach((k, name) -> {
        if (!desired.containsKey(k)) {
          tags.addObject().put("name", name).put("status", "inactive");
        }
      });
      if (tags.isEmpty()) {
        continue;
      }
      MailchimpClient.MailchimpResponse r = client.updateTags(connection, listId, ok.externalId(), body);
      if (!r.ok()) {
        results[i] = new WriteResult.Rejected(w.ref(), MailchimpClient.errorCode(r.body(), r.status()),
            ContactField.TAGS, MailchimpClient.detail(r.body()));
      }
    }
  }

  /**
   * Form-encoded list webhook; the body must be strictly form-encoded UTF-8 and name {@code type} and
   * {@code fired_at} (UTC, 1970–9999), else it is refused whole (IllegalArgumentException → 400).
   * subscribe/profile/unsubscribe/cleaned → CHANGED (unsubscribe with
   * {@code data[action]=delete} → DELETED); upemail → ID_CHANGED; campaign and unknown types → nothing.
   * externalId: {@code data[id]} only when it is a subscriber hash (32 hex), otherwise md5(data[email]) — Mailchimp
   * documents {@code data[id]} as a short unique id, not the hash. eventKey = hex SHA-256 of the raw body.
   */
  @Override
  public List<InboundEvent> parseWebhook(WebhookRequest request) {
    if ("GET".equalsIgnoreCase(request.method()) || request.body().length == 0) {
      return List.of(); // Mailchimp's URL validation ping
    }
    Map<String, String> form = FormUrlEncoding.decode(request.body());
    String type = form.get("type");
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("mailchimp webhook without type");
    }
    String key = sha256Hex(request.body());
    Instant occurred = firedAt(form.get("fired_at"));
    switch (type) {
      case "subscribe", "profile", "unsubscribe", "cleaned" -> {
        String id = memberId(form.get("data[id]"), form.get("data[email]"));
        InboundEvent.Kind kind = "unsubscribe".equals(type) && "delete".equals(form.get("data[action]"))
            ? InboundEvent.Kind.DELETED : InboundEvent.Kind.CHANGED;
        return List.of(new InboundEvent(key, CanonicalRecord.CONTACT, id, kind, null, occurred));
      }
      case "upemail" -> {
        String id = memberId(form.get("data[new_id]"), form.get("data[new_email]"));
        String old = form.get("data[old_email]");
        if (old == null || old.isBlank()) {
          throw new IllegalArgumentException("mailchimp upemail without data[old_email]");
        }
        return List.of(new InboundEvent(key, CanonicalRecord.CONTACT, id, InboundEvent.Kind.ID_CHANGED,
            MailchimpMapper.subscriberHash(old), occurred));
      }
      default -> {
        return List.of();
      }
    }
  }

  /**
   * Idempotent: adds our callback ({@code callbackUrl?secret=…}) to the list's webhooks unless it is there.
   * Sources user, admin and api (our own writes echo back; the platform's echo check drops them).
   */
  @Override
  public boolean registerWebhook(ConnectionContext connection, String callbackUrl) {
    String listId = listId(connection);
    String secret = connection.requiredCredential("webhookSecret");
    String url = callbackUrl + (callbackUrl.contains("?") ? "&" : "?") + "secret="
        + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    for (JsonNode hook : client.listWebhooks(connection, listId).path("webhooks")) {
      if (url.equals(hook.path("url").asString(""))) {
        return true;
      }
    }
    ObjectNode body = MailchimpClient.JSON.createObjectNode();
    body.put("url", url);
    body.putObject("events").put("subscribe", true).put("unsubscribe", true).put("profile", true)
        .put("cleaned", true).put("upemail", true).put("campaign", false);
    body.putObject("sources").put("user", true).put("admin", true).put("api", true);
    client.createWebhook(connection, listId, body);
    return true;
  }

  private static String memberId(@Nullable String id, @Nullable String email) {
    if (id != null && MD5_HEX.matcher(id.trim()).matches()) {
      return id.trim();
    }
    if (email != null && !email.isBlank()) {
      return MailchimpMapper.subscriberHash(email);
    }
    throw new IllegalArgumentException("mailchimp webhook without member email");
  }

  private static Instant firedAt(@Nullable String s) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException("mailchimp webhook without fired_at");
    }
    if (!FIRED_AT_SHAPE.matcher(s.trim()).matches()) {
      throw new IllegalArgumentException("mailchimp webhook with a bad fired_at");
    }
    try {
      return LocalDateTime.parse(s.trim(), FIRED_AT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("mailchimp webhook with a bad fired_at");
    }
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static WriteResult withRef(WriteResult r, long ref) {
    return switch (r) {
      case WriteResult.Written w -> new WriteResult.Written(ref, w.externalId(), w.modifiedAt());
      case WriteResult.Rejected x -> new WriteResult.Rejected(ref, x.errorCode(), x.field(), x.message());
    };
  }

  private static WriteResult.Rejected rejected(long ref, JsonNode problem, int status) {
    JsonNode firstError = problem.path("errors").path(0);
    String field = firstError.path("field").asString("");
    Matcher m = Pattern.compile("members\\.item:\\d+\\.(.+)").matcher(field);
    if (m.matches()) {
      field = m.group(1);
    }
    return new WriteResult.Rejected(ref, MailchimpClient.errorCode(problem, status), field.isEmpty() ? null : field,
        MailchimpClient.detail(problem));
  }

  private SourceRecord toSource(JsonNode member, Map<String, String> merges) {
    Instant modified = MailchimpMapper.lastChanged(member);
    String email = member.path("email_address").asString("");
    String id = member.path("id").asString(email.isEmpty() ? "" : MailchimpMapper.subscriberHash(email));
    return new SourceRecord(CanonicalRecord.CONTACT, id, modified != null ? modified : Instant.EPOCH,
        MailchimpMapper.toCanonical(member, merges));
  }

  private static String email(WriteRequest w) {
    String e = w.desired().string(ContactField.EMAIL);
    return e == null ? "" : e.trim();
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
    if (!CanonicalRecord.CONTACT.equals(objectType)) {
      throw new IllegalArgumentException("mailchimp connector syncs contacts only, not " + objectType);
    }
  }
}
