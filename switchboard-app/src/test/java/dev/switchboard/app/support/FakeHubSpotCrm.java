package dev.switchboard.app.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal HubSpot CRM for reconciliation tests at scale: contacts with a {@code lastmodifieddate}, the list
 * endpoint, and CRM search as HubSpot answers it — filter {@code lastmodifieddate GTE}, one ascending sort, offset
 * {@code after}, at most 200 per page, at most 10,000 results per query (400 beyond), and a per-second limit
 * counted on the test's clock (429 {@code SECONDLY} beyond). In-memory and fast enough for 50,000 contacts.
 */
public final class FakeHubSpotCrm implements AutoCloseable {
  /** One contact as the fake holds it. */
  public record Contact(long id, String email, String firstName, Instant modified) {}

  private static final Comparator<Contact> ORDER =
      Comparator.comparing(Contact::modified).thenComparingLong(Contact::id);

  private final HttpServer server;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<Long, Contact> byId = new ConcurrentHashMap<>();
  private final NavigableSet<Contact> byModified = new TreeSet<>(ORDER);
  private final Map<Long, AtomicInteger> searchesPerSecond = new ConcurrentHashMap<>();
  private volatile int searchPerSecond = 5;
  public final AtomicInteger searches = new AtomicInteger();
  public final AtomicInteger rateLimited = new AtomicInteger();
  public final AtomicInteger capExceeded = new AtomicInteger();
  private volatile Runnable beforeEachSearch = () -> {};

  public FakeHubSpotCrm(Clock clock) {
    this.clock = clock;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/crm/v3/objects/contacts", this::handle);
    // the portal has no companies and no engagements: their backfill and polls find none
    for (String type : java.util.List.of("companies", "meetings", "calls", "emails", "notes", "tasks")) {
      server.createContext("/crm/v3/objects/" + type, ex -> {
        ex.getRequestBody().readAllBytes();
        byte[] body = "{\"total\":0,\"results\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      });
    }
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public synchronized void put(long id, String email, String firstName, Instant modified) {
    Contact old = byId.put(id, new Contact(id, email, firstName, modified));
    if (old != null) {
      byModified.remove(old);
    }
    byModified.add(byId.get(id));
  }

  /** Someone edits the contact at {@code at}: it moves to the end of the search order. */
  public synchronized void touch(long id, String firstName, Instant at) {
    Contact c = byId.get(id);
    put(id, c.email(), firstName, at);
  }

  public void searchPerSecond(int limit) {
    searchPerSecond = limit;
  }

  /** Runs before each search is answered (e.g. edits made while a reconciliation pages). */
  public void beforeEachSearch(Runnable r) {
    beforeEachSearch = r;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (ex.getRequestMethod().equals("POST") && path.endsWith("/search")) {
        search(ex);
      } else if (ex.getRequestMethod().equals("GET")) {
        list(ex);
      } else {
        send(ex, 404, "{\"status\":\"error\",\"message\":\"not in this fake\",\"category\":\"OBJECT_NOT_FOUND\"}");
      }
    }
  }

  private void search(HttpExchange ex) throws IOException {
    searches.incrementAndGet();
    long second = clock.instant().getEpochSecond();
    if (searchesPerSecond.computeIfAbsent(second, k -> new AtomicInteger()).incrementAndGet() > searchPerSecond) {
      rateLimited.incrementAndGet();
      send(ex, 429, "{\"status\":\"error\",\"message\":\"You have reached your secondly limit.\","
          + "\"errorType\":\"RATE_LIMIT\",\"policyName\":\"SECONDLY\"}");
      return;
    }
    beforeEachSearch.run();
    JsonNode body = json.readTree(ex.getRequestBody().readAllBytes());
    int limit = body.path("limit").asInt(10);
    int after = Integer.parseInt(body.path("after").asString("0"));
    if (limit < 1 || limit > 200) {
      send(ex, 400, "{\"status\":\"error\",\"message\":\"limit must be between 1 and 200\",\"category\":\"VALIDATION_ERROR\"}");
      return;
    }
    if (after + limit > 10_000) {
      capExceeded.incrementAndGet();
      send(ex, 400, "{\"status\":\"error\",\"message\":\"The search API is limited to 10,000 total results for any "
          + "given query.\",\"category\":\"VALIDATION_ERROR\"}");
      return;
    }
    List<Predicate<Contact>> filters = new ArrayList<>();
    for (JsonNode f : body.path("filterGroups").path(0).path("filters")) {
      filters.add(filter(f.path("propertyName").asString(), f.path("operator").asString(),
          Long.parseLong(f.path("value").asString())));
    }
    boolean byId = "hs_object_id".equals(body.path("sorts").path(0).path("propertyName").asString());
    List<Contact> page = new ArrayList<>();
    int total;
    synchronized (this) {
      Predicate<Contact> all = c -> filters.stream().allMatch(p -> p.test(c));
      List<Contact> matched = byId
          ? this.byId.values().stream().filter(all).sorted(Comparator.comparingLong(Contact::id)).toList()
          : byModified.stream().filter(all).toList();
      total = matched.size();
      page.addAll(matched.subList(Math.min(after, total), Math.min(after + limit, total)));
    }
    StringBuilder sb = new StringBuilder("{\"total\":").append(total).append(",\"results\":[");
    for (int i = 0; i < page.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(contactJson(page.get(i)));
    }
    sb.append(']');
    if (after + limit < total) {
      sb.append(",\"paging\":{\"next\":{\"after\":\"").append(after + limit).append("\"}}");
    }
    send(ex, 200, sb.append('}').toString());
  }

  private static Predicate<Contact> filter(String property, String operator, long value) {
    java.util.function.ToLongFunction<Contact> get = property.equals("hs_object_id") ? Contact::id
        : c -> c.modified().toEpochMilli();
    return switch (operator) {
      case "EQ" -> c -> get.applyAsLong(c) == value;
      case "GT" -> c -> get.applyAsLong(c) > value;
      case "GTE" -> c -> get.applyAsLong(c) >= value;
      default -> throw new IllegalArgumentException("operator not in this fake: " + operator);
    };
  }

  private void list(HttpExchange ex) throws IOException {
    String q = ex.getRequestURI().getQuery();
    long after = 0;
    for (String p : q == null ? new String[0] : q.split("&")) {
      if (p.startsWith("after=")) {
        after = Long.parseLong(p.substring(6));
      }
    }
    List<Contact> page;
    synchronized (this) {
      long from = after;
      page = byId.values().stream().filter(c -> c.id() > from).sorted(Comparator.comparingLong(Contact::id)).limit(100)
          .toList();
    }
    StringBuilder sb = new StringBuilder("{\"results\":[");
    for (int i = 0; i < page.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(contactJson(page.get(i)));
    }
    sb.append(']');
    if (page.size() == 100) {
      sb.append(",\"paging\":{\"next\":{\"after\":\"").append(page.getLast().id()).append("\"}}");
    }
    send(ex, 200, sb.append('}').toString());
  }

  private static String contactJson(Contact c) {
    String at = c.modified().toString();
    return "{\"id\":\"" + c.id() + "\",\"properties\":{\"email\":\"" + c.email() + "\",\"firstname\":\"" + c.firstName()
        + "\",\"lastmodifieddate\":\"" + at + "\",\"hs_object_id\":\"" + c.id() + "\"},\"createdAt\":\"" + at
        + "\",\"updatedAt\":\"" + at + "\",\"archived\":false}";
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
