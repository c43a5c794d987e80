package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.FormUrlEncoding;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.WebhookRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Turns a Mailchimp list webhook delivery into thin events. Calls nothing: it runs before the webhook's 200. */
final class MailchimpWebhookParser {
  /** {@code fired_at}: UTC, four-digit year, checked strictly (no 30 February). */
  private static final DateTimeFormatter FIRED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
      .withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern FIRED_AT_SHAPE = Pattern.compile("(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}");
  private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");

  private MailchimpWebhookParser() {}

  /**
   * Form-encoded list webhook; the body must be strictly form-encoded UTF-8 and name {@code type} and
   * {@code fired_at} (UTC, 1970–9999), else it is refused whole (IllegalArgumentException → 400).
   * subscribe/profile/unsubscribe/cleaned → CHANGED (unsubscribe with
   * {@code data[action]=delete} → DELETED); upemail → ID_CHANGED; campaign and unknown types → nothing.
   * externalId: {@code data[id]} only when it is a subscriber hash (32 hex), otherwise md5(data[email]) — Mailchimp
   * documents {@code data[id]} as a short unique id, not the hash. eventKey = hex SHA-256 of the raw body.
   */
  static List<InboundEvent> parse(WebhookRequest request) {
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
        return List.of(new InboundEvent(key, MailchimpConnector.MEMBER, id, kind, null, occurred));
      }
      case "upemail" -> {
        String id = memberId(form.get("data[new_id]"), form.get("data[new_email]"));
        String old = form.get("data[old_email]");
        if (old == null || old.isBlank()) {
          throw new IllegalArgumentException("mailchimp upemail without data[old_email]");
        }
        return List.of(new InboundEvent(key, MailchimpConnector.MEMBER, id, InboundEvent.Kind.ID_CHANGED,
            MailchimpMapper.subscriberHash(old), occurred));
      }
      default -> {
        return List.of();
      }
    }
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
}
