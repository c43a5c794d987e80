package dev.switchboard.sandbox.calendly;

import org.springframework.stereotype.Component;

/**
 * Where the emulated Calendly lives: resource URIs point at the sandbox ({@code http://127.0.0.1:PORT/calendly/...});
 * the base is known once the web server has started ({@link CalendlyOrgs#serverStarted}). The organizations and
 * their resources are in {@link CalendlyOrg}.
 */
@Component
class CalendlyDirectory {

  private volatile String base = "http://127.0.0.1:8081/calendly";

  void serverStarted(int port) {
    base = "http://127.0.0.1:" + port + "/calendly";
  }

  /** {@code http://127.0.0.1:PORT/calendly}. */
  String base() {
    return base;
  }

  /** {@code http://127.0.0.1:PORT} (the sandbox root). */
  String root() {
    return base.substring(0, base.length() - "/calendly".length());
  }
}
