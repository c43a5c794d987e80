package dev.switchboard.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs, once the app is up, one block saying how it runs: the port it listens on, the public base URL vendors are
 * told to call, where the master key comes from, and the database. Warns when the public base URL names this machine
 * (a loopback host) on another port than the one it listens on: webhook callbacks registered with it would reach
 * nothing. Holds no secret: the key's source is named, never the key; a database URL loses its query (a password may
 * be in it).
 */
@Component
class StartupSummary {
  private static final Logger log = LoggerFactory.getLogger(StartupSummary.class);

  private final String publicBaseUrl;
  private final boolean keyFromEnvironment;
  private final String dataDir;
  private final String databaseUrl;

  StartupSummary(@Value("${switchboard.public-base-url}") String publicBaseUrl,
      @Value("${switchboard.master-key:}") String masterKey, @Value("${switchboard.data-dir:./data}") String dataDir,
      @Value("${spring.datasource.url:}") String databaseUrl) {
    this.publicBaseUrl = publicBaseUrl;
    this.keyFromEnvironment = !masterKey.isBlank();
    this.dataDir = dataDir;
    this.databaseUrl = databaseUrl;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready(ApplicationReadyEvent event) {
    if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
      report(web.getWebServer().getPort());
    }
  }

  void report(int port) {
    log.info("""
        Switchboard is running
          listening on:     port {}
          public base URL:  {} (vendors call it back: SWITCHBOARD_PUBLIC_BASE_URL)
          master key:       {}
          database:         {}""", port, publicBaseUrl,
        keyFromEnvironment ? "SWITCHBOARD_MASTER_KEY (environment)" : "file " + Path.of(dataDir).resolve("master.key")
            + " (generated; back it up, or set SWITCHBOARD_MASTER_KEY)",
        database(databaseUrl));
    loopbackPort(publicBaseUrl).filter(p -> p != port).ifPresent(p -> log.warn("The public base URL {} points at port "
        + "{} of this machine, but Switchboard listens on port {}: webhooks registered with it will not arrive. Set "
        + "SWITCHBOARD_PUBLIC_BASE_URL to the URL vendors can reach (behind a proxy, the proxy's).", publicBaseUrl, p,
        port));
  }

  /** The port of {@code url} when its host is this machine (loopback), else empty. */
  static Optional<Integer> loopbackPort(String url) {
    try {
      URI uri = new URI(url.trim());
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
      if (!loopback || uri.getScheme() == null) {
        return Optional.empty();
      }
      return Optional.of(uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** What kind of database {@code jdbcUrl} is, without its credentials or options. */
  static String database(String jdbcUrl) {
    String url = jdbcUrl.trim();
    if (url.startsWith("jdbc:h2:mem:")) {
      return "H2 in memory (nothing is kept after a stop)";
    }
    if (url.startsWith("jdbc:h2:file:") || url.startsWith("jdbc:h2:./") || url.startsWith("jdbc:h2:/")) {
      String path = url.substring(url.startsWith("jdbc:h2:file:") ? "jdbc:h2:file:".length() : "jdbc:h2:".length());
      return "H2, embedded, in " + path.split(";")[0] + " (one node; PostgreSQL for several: SWITCHBOARD_DB_URL)";
    }
    if (url.startsWith("jdbc:postgresql:")) {
      String where = url.substring("jdbc:postgresql:".length()).split("\\?")[0];
      return "PostgreSQL " + (where.startsWith("//") ? where.substring(2).replaceAll("^[^@/]*@", "") : where);
    }
    int colon = url.indexOf(':', "jdbc:".length());
    return url.startsWith("jdbc:") && colon > 0 ? url.substring("jdbc:".length(), colon) : "unknown";
  }
}
