package dev.switchboard.sandbox.vagaro;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.control.VendorApi;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The Vagaro emulator as seen by the shared {@code /_sandbox} controls. */
@Component
class VagaroVendor implements VendorApi {

  private final VagaroSettings settings;
  private final VagaroAccounts accounts;
  private final VagaroGuardFilter guard;
  private final VagaroSeeder seeder;
  private final JsonMapper json;

  VagaroVendor(VagaroSettings settings, VagaroAccounts accounts, VagaroGuardFilter guard, VagaroSeeder seeder,
      JsonMapper json) {
    this.settings = settings;
    this.accounts = accounts;
    this.guard = guard;
    this.seeder = seeder;
    this.json = json;
  }

  @Override
  public String name() {
    return "vagaro";
  }

  @Override
  public String pathPrefix() {
    return "/vagaro";
  }

  @Override
  public void writeUnavailable(HttpServletResponse res) throws IOException {
    VagaroEnvelope.write(json, res, VagaroException.of(503, "The service is temporarily unavailable.").body());
  }

  @Override
  public void writeRateLimited(HttpServletResponse res) throws IOException {
    VagaroEnvelope.write(json, res, VagaroException.of(429, "Too many requests. Please retry after 1 seconds.").body());
  }

  @Override
  public void writeNotFound(HttpServletResponse res, int status) throws IOException {
    VagaroEnvelope.write(json, res, VagaroException.of(status, status == 404 ? "Resource not found."
        : "The request method is not supported for this resource.").body());
  }

  @Override
  public synchronized void reset() {
    accounts.reset();
    settings.reset();
    guard.reset();
  }

  /** See {@link VagaroSeeder}; {@code account} is a client id (default the first account). */
  @Override
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    VagaroAccount account = AccountRegistry.known(accounts.forControl(request.get("account")), "vagaro account", request.get("account"));
    return seeder.seed(account, request);
  }

  @Override
  public Map<String, Object> credentials() {
    Map<String, Object> m = new LinkedHashMap<>();
    String apiBase = pathPrefix() + "/" + settings.region + "/api/v2";
    m.put("basePath", pathPrefix());
    m.put("region", settings.region);
    m.put("apiBase", apiBase);
    m.put("tokenUrl", apiBase + "/" + VagaroGuardFilter.TOKEN_PATH);
    m.put("tokenHeader", "accessToken");
    m.put("accounts", accounts.all().stream().map(VagaroVendor::account).toList());
    return m;
  }

  private static Map<String, Object> account(VagaroAccount a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clientId", a.clientId);
    m.put("clientSecretKey", a.clientSecretKey);
    m.put("businessGroupId", a.businessGroupId);
    m.put("businessIds", a.businessIds());
    m.put("webhooks", a.webhooks().stream().map(VagaroSandboxController::json).toList());
    return m;
  }

  /** Keys: {@code requestsPerMinute}, {@code tokenRequestsPerMinute}. */
  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    if (patch.get("requestsPerMinute") instanceof Number n) {
      settings.requestsPerMinute = n.intValue();
    }
    if (patch.get("tokenRequestsPerMinute") instanceof Number n) {
      settings.tokenRequestsPerMinute = n.intValue();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("vendor", name());
    out.put("requestsPerMinute", settings.requestsPerMinute);
    out.put("tokenRequestsPerMinute", settings.tokenRequestsPerMinute);
    return out;
  }
}
