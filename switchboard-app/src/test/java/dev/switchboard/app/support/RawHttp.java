package dev.switchboard.app.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: unlike {@code java.net.http} it sends request targets
 * that are not valid URIs ({@code ?a=%}), any header bytes and any body, and it can pick the source address
 * (any 127.x.y.z is loopback on Linux), so a test can play a proxy or a stranger. One request per connection
 * ({@code Connection: close}); reading to the end means the server has finished with the request, logging included.
 */
public final class RawHttp {

  /** A response: status, headers (lower-case names, last value wins) and the body decoded as UTF-8. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final InetAddress local;
  private final int port;

  private RawHttp(InetAddress local, int port) {
    this.local = local;
    this.port = port;
  }

  /** Requests to 127.0.0.1:{@code port} from 127.0.0.1. */
  public static RawHttp to(int port) {
    return from("127.0.0.1", port);
  }

  /** Requests to 127.0.0.1:{@code port} from the loopback address {@code source}. */
  public static RawHttp from(String source, int port) {
    try {
      return new RawHttp(InetAddress.getByName(source), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends {@code method target}, the given headers ({@code "Name: value"}, sent as ISO-8859-1 bytes) and the
   * body; {@code Host}, {@code Content-Length} (when there is a body) and {@code Connection: close} are added.
   */
  public Response send(String method, String target, List<String> headers, byte[] body) {
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    List<String> lines = new ArrayList<>();
    lines.add(method + " " + target + " HTTP/1.1");
    lines.add("Host: 127.0.0.1:" + port);
    lines.addAll(headers);
    if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
      lines.add("Content-Length: " + body.length);
    }
    lines.add("Connection: close");
    for (String l : lines) {
      req.writeBytes((l + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    req.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    req.writeBytes(body);
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(local, 0));
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      s.setSoTimeout(20_000);
      s.getOutputStream().write(req.toByteArray());
      s.getOutputStream().flush();
      return parse(s.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response send(String method, String target, List<String> headers, String body) {
    return send(method, target, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  public Response get(String target, String... headers) {
    return send("GET", target, List.of(headers), new byte[0]);
  }

  private static Response parse(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    String text = new String(all, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no HTTP response head in " + all.length + " bytes");
    }
    String[] head = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(head[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
    }
    byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      rest = dechunk(rest);
    }
    return new Response(status, headers, new String(rest, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < chunked.length) {
      int lineEnd = i;
      while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
        lineEnd++;
      }
      String sizeLine = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int size = sizeLine.isEmpty() ? 0 : Integer.parseInt(sizeLine, 16);
      if (size == 0) {
        break;
      }
      int start = lineEnd + 2;
      out.write(chunked, start, Math.min(size, chunked.length - start));
      i = start + size + 2;
    }
    return out.toByteArray();
  }
}
