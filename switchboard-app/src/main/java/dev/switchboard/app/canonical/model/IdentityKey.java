package dev.switchboard.app.canonical.model;

/**
 * A record's identity key under one rule, e.g. {@code email:ann@example.com} or {@code name_city:acme|berlin}. Holds
 * personal data: store it only as a blind index, never log it.
 *
 * @param rule  the rule name
 * @param value the parts' matching forms joined by {@code |} ({@code \} and {@code |} inside a part escaped)
 */
public record IdentityKey(String rule, String value) {
  @Override
  public String toString() {
    return rule + ":" + value;
  }
}
