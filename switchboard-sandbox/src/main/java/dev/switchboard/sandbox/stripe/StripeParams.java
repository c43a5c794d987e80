package dev.switchboard.sandbox.stripe;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stripe's form encoding, decoded: query string plus {@code application/x-www-form-urlencoded} body
 * (read once by {@link StripeGuardFilter}), with nested keys: {@code metadata[k]=v} → map,
 * {@code items[0][price]=p} → map keyed "0", {@code expand[]=x} → list. Values are strings.
 * See https://stripe.com/docs/api/request_ids and https://stripe.com/docs/api/expanding_objects
 */
final class StripeParams {

  static final String BODY_ATTR = "stripe.body";

  final Map<String, Object> root;

  private StripeParams(Map<String, Object> root) {
    this.root = root;
  }

  static StripeParams of(HttpServletRequest req) {
    Map<String, Object> root = new LinkedHashMap<>();
    parseInto(root, req.getQueryString());
    parseInto(root, (String) req.getAttribute(BODY_ATTR));
    return new StripeParams(root);
  }

  static StripeParams parse(String encoded) {
    Map<String, Object> root = new LinkedHashMap<>();
    parseInto(root, encoded);
    return new StripeParams(root);
  }

  @SuppressWarnings("unchecked")
  private static void parseInto(Map<String, Object> root, String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      List<String> path = new ArrayList<>();
      int b = key.indexOf('[');
      path.add(b < 0 ? key : key.substring(0, b));
      while (b >= 0) {
        int e = key.indexOf(']', b);
        if (e < 0) {
          break;
        }
        path.add(key.substring(b + 1, e));
        b = key.indexOf('[', e);
      }
      Map<String, Object> node = root;
      for (int i = 0; i < path.size() - 1; i++) {
        String seg = path.get(i);
        if (path.get(i + 1).isEmpty()) { // a[]=v
          Object cur = node.get(seg);
          List<Object> list = cur instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
          list.add(value);
          node.put(seg, list);
          node = null;
          break;
        }
        Object next = node.get(seg);
        if (!(next instanceof Map<?, ?>)) {
          next = new LinkedHashMap<String, Object>();
          node.put(seg, next);
        }
        node = (Map<String, Object>) next;
      }
      if (node != null) {
        node.put(path.getLast(), value);
      }
    }
  }

  String str(String key) {
    return root.get(key) instanceof String s ? s : null;
  }

  String required(String key) {
    String v = str(key);
    if (v == null || v.isEmpty()) {
      throw StripeException.paramMissing(key);
    }
    return v;
  }

  Long longOr(String key, Long dflt) {
    String v = str(key);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw StripeException.invalid("parameter_invalid_integer", "Invalid integer: " + v, key);
    }
  }

  boolean bool(String key, boolean dflt) {
    String v = str(key);
    return v == null || v.isEmpty() ? dflt : Boolean.parseBoolean(v);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(String key) {
    return root.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  /** {@code key[]=a&key[]=b} or {@code key[0]=a&key[1]=b}, as a list of strings or maps. */
  List<Object> list(String key) {
    Object v = root.get(key);
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    if (v instanceof Map<?, ?> m) {
      return new ArrayList<>(m.values());
    }
    return List.of();
  }

  List<String> expand() {
    return list("expand").stream().map(String::valueOf).toList();
  }
}
