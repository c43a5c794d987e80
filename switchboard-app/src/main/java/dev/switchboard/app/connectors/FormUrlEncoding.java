package dev.switchboard.app.connectors;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding, for query strings and form bodies that come from
 * outside. Unlike {@link java.net.URLDecoder}, which accepts bytes that are not UTF-8 (replacing them) and throws
 * an unchecked exception from deep inside a request, every method here either decodes exactly or reports the
 * input as malformed: a {@code %} not followed by two hex digits, or percent-decoded bytes that are not UTF-8.
 */
public final class FormUrlEncoding {

  private FormUrlEncoding() {}

  /** Whether every name and value of {@code encoded} decodes (see {@link #decode(String)}). */
  public static boolean isWellFormed(String encoded) {
    try {
      decode(encoded);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** How many non-empty {@code &}-separated pairs {@code encoded} holds. */
  public static int pairs(String encoded) {
    int n = 0;
    for (String pair : encoded.split("&", -1)) {
      n += pair.isEmpty() ? 0 : 1;
    }
    return n;
  }

  /**
   * Decodes {@code name=value} pairs separated by {@code &}; the first value of a repeated name wins, empty
   * pairs are skipped, a name without {@code =} has the value {@code ""}. A pair with {@code =} but no name
   * ({@code =x}) is malformed, as Tomcat's own parameter parser holds it.
   *
   * @throws IllegalArgumentException when the input is malformed; the message never quotes the input
   */
  public static Map<String, String> decode(String encoded) {
    Map<String, String> out = new LinkedHashMap<>();
    if (encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq == 0) {
        throw new IllegalArgumentException("parameter without a name");
      }
      String name = component(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : component(pair.substring(eq + 1));
      out.putIfAbsent(name, value);
    }
    return out;
  }

  /**
   * Decodes a form body: the raw bytes must be UTF-8 (form bodies are ASCII when senders follow the spec; raw
   * UTF-8 is tolerated), then as {@link #decode(String)}.
   *
   * @throws IllegalArgumentException when the bytes or the encoding are malformed
   */
  public static Map<String, String> decode(byte[] body) {
    return decode(utf8(body));
  }

  /** Decodes one name or value: {@code +} is a space, {@code %XX} a byte; the bytes must be UTF-8. */
  public static String component(String encoded) {
    if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
      return encoded;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= encoded.length()) {
          throw new IllegalArgumentException("incomplete percent-escape");
        }
        int hi = Character.digit(encoded.charAt(i + 1), 16);
        int lo = Character.digit(encoded.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("percent-escape without two hex digits");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        // a literal non-ASCII character (already decoded text): keep it as its UTF-8 bytes
        int end = Character.isHighSurrogate(c) && i + 1 < encoded.length() ? i + 2 : i + 1;
        bytes.writeBytes(encoded.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    return utf8(bytes.toByteArray());
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("percent-decoded bytes are not UTF-8");
    }
  }
}
