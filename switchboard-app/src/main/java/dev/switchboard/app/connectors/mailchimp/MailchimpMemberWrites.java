package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import dev.switchboard.app.mapping.MappingFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes of list members for {@link MailchimpConnector#write}: one batch of at most 500, results in request order. */
final class MailchimpMemberWrites {
  private static final Pattern MEMBER_ITEM = Pattern.compile("members\\.item:(\\d+)");

  private final MailchimpClient client;

  MailchimpMemberWrites(MailchimpClient client) {
    this.client = client;
  }

  /**
   * Routes each request to the fewest calls that keep Mailchimp's semantics and never (re)subscribe an existing member:
   * a status that overwrites ({@code status}) is only ever an opt-out ({@code unsubscribed}) or the upgrade of a
   * member still {@code transactional} after an opt-in ({@link #upgrade}); a new member's status
   * ({@code subscribed}, {@code pending}, {@code transactional}) is only ever given where it cannot change an existing
   * member's ({@code status_if_new}, or a batch without {@code update_existing}).
   * <ul>
   *   <li>email changed (externalId ≠ hash of the desired email) or no email but linked → {@code PATCH} the old
   *       member (one call each); the result id is the new hash;</li>
   *   <li>an opt-out → one batch subscribe {@code POST /lists/{id}} with {@code update_existing};</li>
   *   <li>a new member's status → one batch subscribe without {@code update_existing}; a member that exists after all
   *       ({@code ERROR_CONTACT_EXISTS}: added meanwhile, or unsubscribed and not yet linked) is updated as below,
   *       its status left alone;</li>
   *   <li>no status → {@code PUT /members/{hash}} with {@code status_if_new} (one call each; {@code transactional} when
   *       the request says none): batch subscribe requires {@code status} for every member.</li>
   * </ul>
   * Then, for requests whose desired record has {@code tags}, the tags are diffed against the member returned
   * by the write and only a differing set is sent ({@code POST …/tags}, one call).
   */
  List<WriteResult> write(ConnectionContext connection, String listId, MappingFile merges,
      List<WriteRequest> batch) {
    WriteResult[] results = new WriteResult[batch.size()];
    JsonNode[] written = new JsonNode[batch.size()];
    List<Integer> optOuts = new ArrayList<>();
    List<Integer> joins = new ArrayList<>();
    List<Integer> puts = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest w = batch.get(i);
      String email = email(w);
      String ext = w.externalId() == null || w.externalId().isBlank() ? null : w.externalId().trim();
      String status = MailchimpMapper.writableStatus(w.desired());
      if (email.isEmpty()) {
        if (ext == null) {
          results[i] = new WriteResult.Rejected(w.ref(), "missing_email", ContactField.EMAIL,
              "a Mailchimp member needs an email");
        } else {
          patch(connection, listId, w, ext, merges, i, results, written, puts);
        }
      } else if (ext != null && !ext.equalsIgnoreCase(MailchimpMapper.subscriberHash(email))) {
        patch(connection, listId, w, ext, merges, i, results, written, puts);
      } else if (status != null && optOut(status)) {
        optOuts.add(i);
      } else if (status != null && ext != null && upgrade(w, status)) {
        upgradeOrPut(connection, listId, w, ext, status, merges, i, results, written, puts);
      } else if (status != null) {
        joins.add(i);
      } else {
        puts.add(i);
      }
    }
    Map<Integer, Integer> duplicateOf = new HashMap<>();
    List<Integer> uniqueOptOuts = unique(batch, optOuts, duplicateOf);
    List<Integer> uniqueJoins = unique(batch, joins, duplicateOf);
    if (!uniqueOptOuts.isEmpty()) {
      batchSubscribe(connection, listId, batch, uniqueOptOuts, merges, results, written, true, puts, true);
    }
    if (!uniqueJoins.isEmpty()) {
      batchSubscribe(connection, listId, batch, uniqueJoins, merges, results, written, false, puts, true);
    }
    for (int i : puts) {
      WriteRequest w = batch.get(i);
      String hash = MailchimpMapper.subscriberHash(email(w));
      ObjectNode body = MailchimpMapper.toMember(w.desired(), merges);
      String status = MailchimpMapper.writableStatus(w.desired());
      if (status != null && optOut(status)) {
        body.put("status", status);
        body.put("status_if_new", status);
      } else {
        body.put("status_if_new", status != null ? status : NO_CONSENT_STATUS);
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

  /**
   * Whether {@code w} upgrades a linked member the spine holds as {@code transactional} to {@code status}
   * ({@code subscribed} or {@code pending}): the spine sends that only for a recorded opt-in (AudienceConsent).
   */
  static boolean upgrade(WriteRequest w, String status) {
    Object held = w.held() == null ? null : w.held().get(ContactField.MARKETING_STATUS);
    return ("subscribed".equals(status) || "pending".equals(status))
        && held != null && TRANSACTIONAL.equals(String.valueOf(held).trim().toLowerCase(Locale.ROOT));
  }

  /**
   * The upgrade of a transactional member after an opt-in: the member is read first and its status overwritten
   * ({@code PATCH} with {@code status}) only while Mailchimp still holds it as {@code transactional} — one who
   * unsubscribed there meanwhile (its webhook still on its way) is never subscribed; then the write goes on as one
   * without a status ({@code PUT} with {@code status_if_new}, its status left alone). Two calls; upgrades are rare.
   */
  private void upgradeOrPut(ConnectionContext connection, String listId, WriteRequest w, String hash, String status,
      MappingFile merges, int i, WriteResult[] results, JsonNode[] written, List<Integer> puts) {
    java.util.Optional<JsonNode> now = client.getMember(connection, listId, hash);
    if (now.isEmpty() || !TRANSACTIONAL.equals(now.get().path("status").asString(""))) {
      puts.add(i);
      return;
    }
    ObjectNode body = MailchimpMapper.toMember(w.desired(), merges);
    body.put("status", status);
    MailchimpClient.MailchimpResponse r = client.patchMember(connection, listId, hash, body);
    if (r.ok()) {
      written[i] = r.body();
      results[i] = new WriteResult.Written(w.ref(), r.body().path("id").asString(hash),
          MailchimpMapper.lastChanged(r.body()));
    } else {
      results[i] = rejected(w.ref(), r.body(), r.status());
    }
  }

  private static final String TRANSACTIONAL = "transactional";

  /** A new member the request names no status for is transactional: nobody is subscribed without an opt-in. */
  static final String NO_CONSENT_STATUS = "transactional";

  /** Whether {@code status} takes a member out of the audience's marketing: the only status sent to overwrite. */
  static boolean optOut(String status) {
    return "unsubscribed".equals(status) || "cleaned".equals(status);
  }

  /** One member per email in a batch subscribe: the last (newest) request wins, earlier duplicates share it. */
  private static List<Integer> unique(List<WriteRequest> batch, List<Integer> idx, Map<Integer, Integer> duplicateOf) {
    Map<String, Integer> lastByEmail = new HashMap<>();
    for (int i : idx) {
      lastByEmail.put(email(batch.get(i)).toLowerCase(Locale.ROOT), i);
    }
    List<Integer> unique = new ArrayList<>();
    for (int i : idx) {
      int keeper = lastByEmail.get(email(batch.get(i)).toLowerCase(Locale.ROOT));
      if (keeper == i) {
        unique.add(i);
      } else {
        duplicateOf.put(i, keeper);
      }
    }
    return unique;
  }

  private void patch(ConnectionContext connection, String listId, WriteRequest w, String oldHash,
      MappingFile merges, int i, WriteResult[] results, JsonNode[] written, List<Integer> puts) {
    ObjectNode body = MailchimpMapper.toMember(w.desired(), merges);
    String status = MailchimpMapper.writableStatus(w.desired());
    if (status != null && optOut(status)) {
      body.put("status", status); // never a subscribe: the member exists
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

  /**
   * With {@code updateExisting} false, a member that exists answers {@code ERROR_CONTACT_EXISTS}: it is added to
   * {@code puts} (updated with its status left alone) instead of being rejected.
   */
  private void batchSubscribe(ConnectionContext connection, String listId, List<WriteRequest> batch,
      List<Integer> idx, MappingFile merges, WriteResult[] results, JsonNode[] written,
      boolean updateExisting, List<Integer> puts, boolean mayRetry) {
    ObjectNode body = MailchimpClient.JSON.createObjectNode();
    ArrayNode members = body.putArray("members");
    for (int i : idx) {
      WriteRequest w = batch.get(i);
      ObjectNode m = MailchimpMapper.toMember(w.desired(), merges);
      m.put("status", MailchimpMapper.writableStatus(w.desired()));
      members.add(m);
    }
    body.put("update_existing", updateExisting);
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
        batchSubscribe(connection, listId, batch, rest, merges, results, written, updateExisting, puts, false);
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
      } else if (e != null && !updateExisting && "ERROR_CONTACT_EXISTS".equals(e.path("error_code").asString(""))) {
        puts.add(i);
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

  private static String email(WriteRequest w) {
    String e = w.desired().string(ContactField.EMAIL);
    return e == null ? "" : e.trim();
  }
}
