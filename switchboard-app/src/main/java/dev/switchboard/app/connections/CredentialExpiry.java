package dev.switchboard.app.connections;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * When a connection's credential stops working for good, where that is known: the refresh token's expiry a vendor
 * returned with it ({@code x_refresh_token_expires_in}, stored with the credentials), or a date the owner entered
 * for a token that lapses ({@value #SETTING}, a connection setting {@code YYYY-MM-DD}, the start of that day UTC).
 * The earlier one counts. The dashboard warns {@link #WARNING} ahead so the owner reconnects before writes stop.
 */
@Component
public class CredentialExpiry {
  /** The connection setting holding the date a token lapses, as its owner entered it. */
  public static final String SETTING = "credentialExpiresOn";
  /** How far ahead an expiry is warned of. */
  public static final Duration WARNING = Duration.ofDays(14);

  private final Connections connections;

  CredentialExpiry(Connections connections) {
    this.connections = connections;
  }

  /** The connection's known hard expiry, if any. */
  public Optional<Instant> of(Connection c) {
    Optional<Instant> entered = Optional.ofNullable(c.settings().get(SETTING)).flatMap(CredentialExpiry::day);
    Optional<Instant> issued = Optional.ofNullable(connections.storedCredentials(c.tenantId(), c.id()).credentials()
        .get(OAuthTokens.REFRESH_EXPIRES_AT)).flatMap(CredentialExpiry::millis);
    return Stream.of(entered, issued).flatMap(Optional::stream).min(Instant::compareTo);
  }

  /** Why the settings' {@value #SETTING} cannot be stored, if it cannot. */
  static Optional<String> refusal(Map<String, String> settings) {
    String v = settings.get(SETTING);
    return v == null || v.isBlank() || day(v).isPresent() ? Optional.empty()
        : Optional.of(SETTING + " must be a date, YYYY-MM-DD (the day the token stops working)");
  }

  private static Optional<Instant> day(String v) {
    try {
      return Optional.of(LocalDate.parse(v.strip()).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> millis(String v) {
    try {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(v.strip())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
