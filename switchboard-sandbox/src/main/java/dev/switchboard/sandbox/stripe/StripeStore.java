package dev.switchboard.sandbox.stripe;

import dev.switchboard.sandbox.support.ChangeClock;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * In-memory Stripe objects of the account the current call acts on ({@link #current()}): the account the guard
 * filter resolved for this {@code /stripe/v1} request, or the one {@link #as} names outside a request. Every read
 * and write goes to that account's {@link StripeObjects}, so one account never sees another's objects.
 * Lists are newest first, paged with {@code limit} (1–100, default 10), {@code starting_after} /
 * {@code ending_before} and {@code has_more}, as https://stripe.com/docs/api/pagination describes.
 */
@Component
class StripeStore {

  private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ThreadLocal<StripeAccount> SCOPE = new ThreadLocal<>();

  private final ChangeClock clock;

  StripeStore(ChangeClock clock) {
    this.clock = clock;
  }

  /** A Stripe-looking id: {@code prefix_} + 14 (or {@code len}) random alphanumerics. */
  static String newId(String prefix, int len) {
    StringBuilder sb = new StringBuilder(prefix).append('_');
    for (int i = 0; i < len; i++) {
      sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  long now() {
    return clock.now().getEpochSecond();
  }

  /**
   * The account acted on: the one set by {@link #as} on this thread, else the request's
   * {@link StripeGuardFilter#ACCOUNT_ATTR}. Throws if neither is there: acting on some default account instead would
   * hide a routing bug behind the wrong account's data.
   */
  StripeAccount current() {
    StripeAccount scoped = SCOPE.get();
    if (scoped != null) {
      return scoped;
    }
    RequestAttributes req = RequestContextHolder.getRequestAttributes();
    Object account = req == null ? null : req.getAttribute(StripeGuardFilter.ACCOUNT_ATTR, RequestAttributes.SCOPE_REQUEST);
    if (account instanceof StripeAccount a) {
      return a;
    }
    throw new IllegalStateException("No Stripe account in scope: not a /stripe/v1 request and not inside StripeStore.as");
  }

  /** Runs {@code work} acting on {@code account} (for calls outside a Stripe API request, such as seeding). */
  <T> T as(StripeAccount account, Supplier<T> work) {
    StripeAccount prior = SCOPE.get();
    SCOPE.set(account);
    try {
      return work.get();
    } finally {
      if (prior == null) {
        SCOPE.remove();
      } else {
        SCOPE.set(prior);
      }
    }
  }

  /** Objects whose schema has no {@code livemode} (API 2023-08-16: refund, subscription_item). */
  private static final Set<String> WITHOUT_LIVEMODE = Set.of("refund", "subscription_item");

  /**
   * A new object with {@code id, object, created, livemode=false} set (created only if {@code withCreated};
   * livemode only where Stripe's schema has it).
   */
  Map<String, Object> blank(String prefix, String object, boolean withCreated) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", newId(prefix, 14));
    o.put("object", object);
    if (withCreated) {
      o.put("created", now());
    }
    if (!WITHOUT_LIVEMODE.contains(object)) {
      o.put("livemode", false);
    }
    return o;
  }

  Map<String, Object> put(Map<String, Object> obj) {
    return current().objects.put(obj);
  }

  /** The object, or null if absent, of another type or another account's. */
  Map<String, Object> find(String object, String id) {
    return current().objects.find(object, id);
  }

  /** The object, or 404 "No such {what}: 'id'". */
  Map<String, Object> get(String object, String what, String id) {
    Map<String, Object> o = find(object, id);
    if (o == null) {
      throw StripeException.missing(what, id, "id");
    }
    return o;
  }

  void remove(String id) {
    current().objects.remove(id);
  }

  /** All objects of a type matching {@code filter}, newest first. */
  List<Map<String, Object>> all(String object, Predicate<Map<String, Object>> filter) {
    return current().objects.all(object, filter);
  }

  /** A Stripe list object ({@code object:"list", data, has_more, url}) for one page. */
  Map<String, Object> list(String object, String url, StripeParams p, Predicate<Map<String, Object>> filter) {
    long limit = p.longOr("limit", 10L);
    if (limit < 1 || limit > 100) {
      throw StripeException.invalid("parameter_invalid_integer",
          "Invalid integer: " + limit + ". This value must be between 1 and 100.", "limit");
    }
    List<Map<String, Object>> all = all(object, filter);
    String after = p.str("starting_after");
    String before = p.str("ending_before");
    int from = 0;
    int to = all.size();
    if (after != null && !after.isEmpty()) {
      from = indexOf(all, after, object, "starting_after") + 1;
      to = (int) Math.min(all.size(), from + limit);
    } else if (before != null && !before.isEmpty()) {
      to = indexOf(all, before, object, "ending_before");
      from = (int) Math.max(0, to - limit);
    } else {
      to = (int) Math.min(all.size(), limit);
    }
    boolean hasMore = before != null && !before.isEmpty() ? from > 0 : to < all.size();
    return listObject(all.subList(from, to), hasMore, url);
  }

  static Map<String, Object> listObject(List<Map<String, Object>> data, boolean hasMore, String url) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("object", "list");
    l.put("data", new ArrayList<>(data));
    l.put("has_more", hasMore);
    l.put("url", url);
    return l;
  }

  private int indexOf(List<Map<String, Object>> all, String id, String object, String param) {
    for (int i = 0; i < all.size(); i++) {
      if (id.equals(all.get(i).get("id"))) {
        return i;
      }
    }
    throw StripeException.missing(object.replace('_', ' '), id, param);
  }

  /** Applies {@code metadata[k]=v} updates: empty value unsets a key, {@code metadata=} clears all. */
  @SuppressWarnings("unchecked")
  static void mergeMetadata(Map<String, Object> obj, StripeParams p) {
    Map<String, Object> md = (Map<String, Object>) obj.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    if ("".equals(p.root.get("metadata"))) {
      md.clear();
      return;
    }
    Map<String, Object> patch = p.map("metadata");
    if (patch != null) {
      patch.forEach((k, v) -> {
        if (v == null || "".equals(v)) {
          md.remove(k);
        } else {
          md.put(k, String.valueOf(v));
        }
      });
    }
  }

  /**
   * Applies an update call's parameters to {@code obj}: each present field in {@code strings} (empty
   * value unsets it to null), each present field in {@code booleans}, and {@code metadata[...]}. Returns
   * Stripe's {@code previous_attributes} for the event: the old value of every field that changed
   * (metadata: changed keys with their old value, new keys as "").
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> update(Map<String, Object> obj, StripeParams p, List<String> strings, List<String> booleans) {
    Map<String, Object> previous = new LinkedHashMap<>();
    synchronized (obj) {
      for (String f : strings) {
        if (p.root.containsKey(f)) {
          String v = p.str(f);
          String nv = v == null || v.isEmpty() ? null : v;
          if (!Objects.equals(obj.get(f), nv)) {
            previous.put(f, obj.get(f));
            obj.put(f, nv);
          }
        }
      }
      for (String f : booleans) {
        if (p.root.containsKey(f)) {
          boolean nv = p.bool(f, false);
          if (!Objects.equals(obj.get(f), nv)) {
            previous.put(f, obj.get(f));
            obj.put(f, nv);
          }
        }
      }
      if (p.root.containsKey("metadata")) {
        Map<String, Object> before = new HashMap<>((Map<String, Object>) obj.get("metadata"));
        mergeMetadata(obj, p);
        Map<String, Object> after = (Map<String, Object>) obj.get("metadata");
        if (!before.equals(after)) {
          Map<String, Object> prevMd = new LinkedHashMap<>();
          before.forEach((k, v) -> {
            if (!Objects.equals(after.get(k), v)) {
              prevMd.put(k, v);
            }
          });
          after.keySet().forEach(k -> {
            if (!before.containsKey(k)) {
              prevMd.put(k, "");
            }
          });
          previous.put("metadata", prevMd);
        }
      }
    }
    return previous;
  }
}
