package dev.switchboard.sandbox.pipedrive;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.control.FaultRegistry;
import dev.switchboard.sandbox.control.TrafficRecorder;
import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The instance's Pipedrive companies, numbered from 1 ({@code sandbox.pipedrive.accounts}, default 2). Lookups
 * answer null for "no such company"; callers turn that into the vendor's error.
 */
@Component
class PipedriveCompanies extends AccountRegistry<PipedriveCompany> {

  PipedriveCompanies(PipedriveSettings settings, ChangeClock clock, TrafficRecorder recorder, FaultRegistry faults,
      @Value("${sandbox.pipedrive.oauth-token-ttl-seconds:3599}") long ttl) {
    super(settings.accounts, n -> new PipedriveCompany(n, settings, clock, recorder, faults, Duration.ofSeconds(ttl)));
  }

  /** The company whose api_token this is, or null. */
  PipedriveCompany byApiToken(String token) {
    return find(c -> c.apiToken.equals(token));
  }

  /** The company this OAuth access token was granted into, with its status; null if no company knows it. */
  PipedriveCompany byAccessToken(String token) {
    return find(c -> c.grants.check(token) != OAuthGrants.Status.UNKNOWN);
  }

  /** The company that issued this refresh token, or null. */
  PipedriveCompany byRefreshToken(String token) {
    return find(c -> c.grants.knowsRefreshToken(token));
  }

  /**
   * The company a {@code /_sandbox} request names: its number, company id or api_token; the first if
   * {@code account} is null. Null if unknown.
   */
  PipedriveCompany forControl(Object account) {
    return named(account, (c, id) -> c.apiToken.equals(id) || Long.toString(c.companyId).equals(id));
  }

  /** Consumes an authorization code at the company it was issued into; null if none issued it for this URI. */
  PipedriveCompany redeem(String code, String redirectUri) {
    return find(c -> c.grants.redeemCode(code, redirectUri));
  }

  void reset() {
    all().forEach(PipedriveCompany::reset);
  }

  @PreDestroy
  void close() {
    all().forEach(c -> c.webhooks.close());
  }
}
