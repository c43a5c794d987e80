package dev.switchboard.sandbox.pipedrive;

import dev.switchboard.sandbox.control.FaultRegistry;
import dev.switchboard.sandbox.control.TrafficRecorder;
import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The instance's Pipedrive companies, numbered from 1 ({@code sandbox.pipedrive.accounts}, default 2). Lookups
 * answer null for "no such company"; callers turn that into the vendor's error.
 */
@Component
class PipedriveCompanies {

  private final List<PipedriveCompany> companies = new ArrayList<>();

  PipedriveCompanies(PipedriveSettings settings, ChangeClock clock, TrafficRecorder recorder, FaultRegistry faults,
      @Value("${sandbox.pipedrive.oauth-token-ttl-seconds:3599}") long ttl) {
    for (int n = 1; n <= settings.accounts; n++) {
      companies.add(new PipedriveCompany(n, settings, clock, recorder, faults, Duration.ofSeconds(ttl)));
    }
  }

  List<PipedriveCompany> all() {
    return companies;
  }

  PipedriveCompany first() {
    return companies.getFirst();
  }

  /** The company whose api_token this is, or null. */
  PipedriveCompany byApiToken(String token) {
    return companies.stream().filter(c -> c.apiToken.equals(token)).findFirst().orElse(null);
  }

  /** The company this OAuth access token was granted into, with its status; null if no company knows it. */
  PipedriveCompany byAccessToken(String token) {
    return companies.stream().filter(c -> c.grants.check(token) != OAuthGrants.Status.UNKNOWN).findFirst().orElse(null);
  }

  /** The company that issued this refresh token, or null. */
  PipedriveCompany byRefreshToken(String token) {
    return companies.stream().filter(c -> c.grants.knowsRefreshToken(token)).findFirst().orElse(null);
  }

  /** Company {@code number} (1-based, as text or a number), or null if it is not one of this instance's. */
  PipedriveCompany byNumber(Object number) {
    try {
      int n = number instanceof Number x ? x.intValue() : Integer.parseInt(String.valueOf(number).trim());
      return n >= 1 && n <= companies.size() ? companies.get(n - 1) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The company a {@code /_sandbox} request names: its number, company id or api_token; the first if
   * {@code account} is null. Null if unknown.
   */
  PipedriveCompany forControl(Object account) {
    if (account == null) {
      return first();
    }
    String s = String.valueOf(account);
    PipedriveCompany c = companies.stream().filter(x -> x.apiToken.equals(s) || Long.toString(x.companyId).equals(s))
        .findFirst().orElse(null);
    return c != null ? c : byNumber(account);
  }

  /** Consumes an authorization code at the company it was issued into; null if none issued it for this URI. */
  PipedriveCompany redeem(String code, String redirectUri) {
    return companies.stream().filter(c -> c.grants.redeemCode(code, redirectUri)).findFirst().orElse(null);
  }

  void reset() {
    companies.forEach(PipedriveCompany::reset);
  }

  @PreDestroy
  void close() {
    companies.forEach(c -> c.webhooks.close());
  }
}
