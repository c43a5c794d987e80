package dev.switchboard.app.canonical;

import java.util.Locale;
import java.util.Optional;

/**
 * How a value takes part in an identity key: the form in which two records' values are compared. Every form is
 * empty for a value that must not identify anything (an empty value, a phone kept as typed, a free-mail domain, a
 * company name without letters).
 */
public enum MatchForm {
  /** The canonical e-mail address. */
  EMAIL {
    @Override
    Optional<String> form(Value v) {
      return v instanceof EmailValue e ? Optional.of(e.address()) : Optional.empty();
    }
  },
  /** The E.164 number; a phone kept as typed identifies nothing. */
  PHONE {
    @Override
    Optional<String> form(Value v) {
      return v instanceof PhoneValue p && p.isE164() ? Optional.of(p.number()) : Optional.empty();
    }
  },
  /** The registrable domain of a domain or URL, unless it is a free-mail provider's. */
  REGISTRABLE_DOMAIN {
    @Override
    Optional<String> form(Value v) {
      DomainValue d = switch (v) {
        case DomainValue dv -> dv;
        case UrlValue u -> u.domain();
        default -> null;
      };
      return d == null || d.isFreeMail() ? Optional.empty() : Optional.of(d.registrable());
    }
  },
  /** {@link CompanyNames#matchingForm}. */
  COMPANY_NAME {
    @Override
    Optional<String> form(Value v) {
      return v instanceof TextValue t ? nonEmpty(CompanyNames.matchingForm(t.text())) : Optional.empty();
    }
  },
  /** {@link PersonNames#matchingForm}. */
  PERSON_NAME {
    @Override
    Optional<String> form(Value v) {
      return v instanceof TextValue t ? nonEmpty(PersonNames.matchingForm(t.text())) : Optional.empty();
    }
  },
  /** An address's city, case-folded without accents or punctuation. */
  CITY {
    @Override
    Optional<String> form(Value v) {
      return v instanceof PostalAddress a && a.city() != null
          ? nonEmpty(TextForms.foldWords(a.city()))
          : Optional.empty();
    }
  },
  /** An address's country and postcode without spaces ({@code GB:SW1A1AA}); both are needed to mean one place. */
  POSTAL_CODE {
    @Override
    Optional<String> form(Value v) {
      return v instanceof PostalAddress a && a.postalCode() != null && a.country() != null
          ? Optional.of(a.country() + ":" + a.postalCode().toUpperCase(Locale.ROOT).replace(" ", ""))
          : Optional.empty();
    }
  },
  /** The text exactly (vendor and event ids). */
  EXACT {
    @Override
    Optional<String> form(Value v) {
      return v instanceof TextValue t ? Optional.of(t.text()) : Optional.empty();
    }
  };

  /** The form of {@code value}, or empty when the value must not identify a record. */
  public Optional<String> of(Value value) {
    return value.isEmpty() ? Optional.empty() : form(value);
  }

  abstract Optional<String> form(Value value);

  private static Optional<String> nonEmpty(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
