package dev.switchboard.sandbox.mailchimp;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One account's audience (list; each {@link MailchimpAccount} has exactly one). Members are keyed by subscriber hash; changing the email
 * moves the member to the new hash. {@code last_changed} moves only when a value really changes,
 * and only real changes fire webhooks ({@code source} "api" or "admin"; null = no webhook).
 * Permanently deleted emails are remembered and cannot be re-added. Tags have audience-wide ids
 * (the first use of a name allots the next one) and do not move {@code last_changed}.
 */
class Audience {

  static final Set<String> STATUSES = Set.of("subscribed", "unsubscribed", "cleaned", "pending", "transactional");
  private static final int FIRST_TAG_ID = 10_001;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Set<String> forgotten = new HashSet<>();
  private final Map<String, Integer> tagIds = new HashMap<>();
  private final MergeFieldDefinitions fields = new MergeFieldDefinitions();
  private final ChangeClock clock;
  private final MailchimpWebhookSender webhooks;
  private long seq;
  private int nextTagId = FIRST_TAG_ID;

  Audience(ChangeClock clock, MailchimpWebhookSender webhooks) {
    this.clock = clock;
    this.webhooks = webhooks;
  }

  /** Hash in any case, or a raw email, to the canonical subscriber hash. */
  static String key(String hashOrEmail) {
    return hashOrEmail.contains("@") ? Member.hash(hashOrEmail.trim()) : hashOrEmail.toLowerCase(Locale.ROOT);
  }

  static String validEmail(Object email) {
    if (!(email instanceof String s) || !EMAIL.matcher(s.trim()).matches()) {
      throw MailchimpException.invalidEmail();
    }
    return s.trim();
  }

  static String validStatus(Object status, String field) {
    if (!(status instanceof String s) || !STATUSES.contains(s)) {
      throw MailchimpException.invalid(field, "Value must be one of: " + String.join(", ", STATUSES),
          "The resource submitted could not be validated. For field-specific details, see the 'errors' array.");
    }
    return s;
  }

  synchronized Member get(String hashOrEmail) {
    Member m = members.get(key(hashOrEmail));
    if (m == null) {
      throw MailchimpException.notFound();
    }
    return m.copy();
  }

  synchronized List<Member> list(Predicate<Member> filter) {
    return members.values().stream().filter(filter).sorted(Comparator.comparingLong(m -> m.seq)).map(Member::copy).toList();
  }

  /** POST semantics: 400 "Member Exists" unless absent or archived. */
  synchronized Member create(String email, String status, Map<String, Object> mergeFields, String source) {
    return create(email, status, mergeFields, List.of(), source);
  }

  /** As {@link #create(String, String, Map, String)}, then adds {@code tags} (names) to the member. */
  synchronized Member create(String email, String status, Map<String, Object> mergeFields, List<String> tags,
      String source) {
    Member existing = members.get(Member.hash(validEmail(email)));
    if (existing != null && !existing.status.equals("archived")) {
      throw new MailchimpException(400, "Member Exists",
          email + " is already a list member. Use PUT to insert or update list members.");
    }
    Member m = existing != null ? change(existing, null, status, mergeFields, source) : insert(email, status, mergeFields, source);
    if (tags.isEmpty()) {
      return m;
    }
    Member stored = members.get(m.hash());
    tags.forEach(t -> addTag(stored, t));
    return stored.copy();
  }

  /** PUT/PATCH semantics: updates the member at {@code hashOrEmail}; {@code statusIfNew} != null → create if absent. */
  synchronized Member upsert(String hashOrEmail, String email, String status, String statusIfNew,
      Map<String, Object> mergeFields, String source) {
    Member m = members.get(key(hashOrEmail));
    if (m == null && email != null) {
      m = members.get(Member.hash(validEmail(email)));
    }
    if (m == null) {
      if (statusIfNew == null && status == null) {
        throw email == null ? MailchimpException.notFound()
            : MailchimpException.invalid("status_if_new", "Required", "The resource submitted could not be validated. For field-specific details, see the 'errors' array.");
      }
      return insert(email == null ? hashOrEmail : email, statusIfNew != null ? statusIfNew : status, mergeFields, source);
    }
    return change(m, email, status, mergeFields, source);
  }

  private Member insert(String email, String status, Map<String, Object> mergeFields, String source) {
    email = validEmail(email);
    validStatus(status, "status");
    String hash = Member.hash(email);
    if (forgotten.contains(hash)) {
      throw new MailchimpException(400, "Forgotten Email Not Subscribed", email
          + " was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.");
    }
    Member m = new Member();
    m.email = email;
    m.status = status;
    fields.all().forEach(f -> m.mergeFields.put(f.tag(), MailchimpMergeFields.empty()));
    mergeFields(m, mergeFields);
    m.uniqueEmailId = UUID.nameUUIDFromBytes(hash.getBytes()).toString().replace("-", "").substring(0, 10);
    m.webId = 100_000 + ++seq;
    m.seq = seq;
    Instant now = clock.nextChange();
    m.lastChanged = now;
    m.timestampSignup = now;
    m.timestampOpt = status.equals("subscribed") ? now : null;
    members.put(hash, m);
    if (source != null && status.equals("subscribed")) {
      webhooks.fire("subscribe", m.copy(), null, source);
    }
    return m.copy();
  }

  private void mergeFields(Member m, Map<String, Object> in) {
    if (in == null) {
      return;
    }
    in.forEach((k, v) -> {
      String tag = MailchimpMergeFields.tag(k, fields);
      m.mergeFields.put(tag, MailchimpMergeFields.value(tag, v));
    });
  }

  private Member change(Member m, String newEmail, String newStatus, Map<String, Object> mergeFields, String source) {
    String oldEmail = m.email;
    boolean emailChanged = newEmail != null && !validEmail(newEmail).equalsIgnoreCase(oldEmail);
    if (emailChanged && members.containsKey(Member.hash(newEmail))) {
      throw new MailchimpException(400, "Member Exists", newEmail + " is already a list member.");
    }
    if (newStatus != null) {
      validStatus(newStatus, "status");
    }
    Map<String, JsonNode> before = new LinkedHashMap<>(m.mergeFields);
    Member probe = m.copy();
    mergeFields(probe, mergeFields);
    boolean mergesChanged = !probe.mergeFields.equals(before);
    boolean statusChanged = newStatus != null && !newStatus.equals(m.status);
    if (!emailChanged && !mergesChanged && !statusChanged) {
      return m.copy();
    }
    String oldHash = m.hash();
    m.mergeFields.clear();
    m.mergeFields.putAll(probe.mergeFields);
    if (emailChanged) {
      members.remove(oldHash);
      m.email = newEmail.trim();
      members.put(m.hash(), m);
    }
    String oldStatus = m.status;
    if (statusChanged) {
      m.status = newStatus;
    }
    m.lastChanged = clock.nextChange();
    if (statusChanged && newStatus.equals("subscribed")) {
      m.timestampOpt = m.lastChanged;
    }
    if (source != null) {
      if (emailChanged) {
        webhooks.fire("upemail", m.copy(), Map.of("old_email", oldEmail, "old_id", oldHash), source);
      }
      if (mergesChanged) {
        webhooks.fire("profile", m.copy(), null, source);
      }
      if (statusChanged) {
        switch (newStatus) {
          case "subscribed" -> webhooks.fire("subscribe", m.copy(), null, source);
          case "unsubscribed" -> webhooks.fire("unsubscribe", m.copy(), Map.of("action", "unsub"), source);
          case "cleaned" -> webhooks.fire("cleaned", m.copy(), Map.of("reason", "hard", "campaign_id", ""), source);
          default -> { } // pending/transactional/archived: Mailchimp sends no list webhook
        }
      }
    }
    return m.copy();
  }

  /** DELETE: archives (status "archived"); 404 if absent. */
  synchronized void archive(String hashOrEmail, String source) {
    Member m = members.get(key(hashOrEmail));
    if (m == null || m.status.equals("archived")) {
      throw MailchimpException.notFound();
    }
    boolean wasSubscribed = m.status.equals("subscribed");
    m.status = "archived";
    m.lastChanged = clock.nextChange();
    if (source != null && wasSubscribed) {
      webhooks.fire("unsubscribe", m.copy(), Map.of("action", "delete"), source);
    }
  }

  /** Permanent delete: removed and remembered as forgotten. */
  synchronized void deletePermanent(String hashOrEmail, String source) {
    Member m = members.remove(key(hashOrEmail));
    if (m == null) {
      throw MailchimpException.notFound();
    }
    forgotten.add(m.hash());
    if (source != null && m.status.equals("subscribed")) {
      webhooks.fire("unsubscribe", m.copy(), Map.of("action", "delete"), source);
    }
  }

  /**
   * Cleans a member as a bounce or abuse report would ({@code reason} "hard" or "abuse"), firing {@code cleaned}
   * to every webhook with that event on, whatever its sources. A member that is already cleaned is left alone.
   */
  synchronized Member bounce(String hashOrEmail, String reason, String campaignId) {
    Member m = members.get(key(hashOrEmail));
    if (m == null) {
      throw MailchimpException.notFound();
    }
    if (!m.status.equals("cleaned")) {
      m.status = "cleaned";
      m.lastChanged = clock.nextChange();
      webhooks.fire("cleaned", m.copy(), Map.of("reason", reason, "campaign_id", campaignId), null);
    }
    return m.copy();
  }

  /**
   * Adds ({@code active}) or removes ({@code inactive}) tags by name; adding a tag the member has keeps its
   * {@code date_added}. Does not touch last_changed.
   */
  synchronized void tags(String hashOrEmail, List<Map<String, Object>> tags) {
    Member m = members.get(key(hashOrEmail));
    if (m == null) {
      throw MailchimpException.notFound();
    }
    for (Map<String, Object> t : tags) {
      String name = String.valueOf(t.get("name"));
      if ("inactive".equals(t.get("status"))) {
        m.tags.remove(name);
      } else {
        addTag(m, name);
      }
    }
  }

  private void addTag(Member m, String name) {
    if (!m.tags.containsKey(name)) {
      int id = tagIds.computeIfAbsent(name, n -> nextTagId++);
      m.tags.put(name, new MailchimpTag(id, name, clock.now()));
    }
  }

  /** The audience's merge fields, by merge id. */
  synchronized List<MergeFieldDefinitions.Definition> mergeFields() {
    return fields.all();
  }

  /** One merge field; 404 for an id the audience has none of. */
  synchronized MergeFieldDefinitions.Definition mergeField(String mergeId) {
    return fields.get(mergeId);
  }

  /**
   * Adds a merge field ({@link MergeFieldDefinitions#create}); every member reads it empty ({@code ""}) until it is set.
   * Adding it moves no member's {@code last_changed} and fires no webhook.
   */
  synchronized MergeFieldDefinitions.Definition addMergeField(Map<String, Object> body) {
    MergeFieldDefinitions.Definition d = fields.create(body);
    members.values().forEach(m -> m.mergeFields.putIfAbsent(d.tag(), MailchimpMergeFields.empty()));
    return d;
  }

  synchronized int count(String status) {
    return (int) members.values().stream().filter(m -> m.status.equals(status)).count();
  }

  synchronized void reset() {
    members.clear();
    forgotten.clear();
    tagIds.clear();
    fields.reset();
    nextTagId = FIRST_TAG_ID;
    seq = 0;
  }
}
