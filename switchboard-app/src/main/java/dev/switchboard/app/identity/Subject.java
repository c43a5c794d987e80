package dev.switchboard.app.identity;

import dev.switchboard.app.canonical.CanonicalException;
import dev.switchboard.app.canonical.CompanyNames;
import dev.switchboard.app.canonical.DomainValue;
import dev.switchboard.app.canonical.Domains;
import dev.switchboard.app.canonical.PersonNames;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What matching looks at in one record, in matching forms: a contact's e-mail (its local part and domain), E.164
 * phone, first and last name, city and postcode, company name; a company's name, registrable non-free-mail domain,
 * phone, city and postcode. Built from a record's canonical field values (strings; an address as its canonical map
 * {@code {lines, city, region, postalCode, country}}). Never stored, logged or shown: it holds personal data in clear.
 */
public record Subject(String type, @Nullable String email, @Nullable String phone, @Nullable String firstName,
    @Nullable String lastName, @Nullable String name, @Nullable String domain, @Nullable String city,
    @Nullable String postcode, @Nullable String company) {

  public static final String CONTACT = "contact";
  public static final String COMPANY = "company";

  /** The subject of a record of {@code type} with {@code fields}; fields it does not know are ignored. */
  public static Subject of(String type, Map<String, ?> fields) {
    Map<?, ?> address = fields.get("address") instanceof Map<?, ?> m ? m : Map.of();
    String city = form(PersonNames.matchingForm(text(address.get("city"))));
    String postcode = postcode(text(address.get("postalCode")), text(address.get("country")));
    String phone = text(fields.get("phone"));
    phone = phone.startsWith("+") ? phone : null; // a phone kept as typed identifies nothing
    if (COMPANY.equals(type)) {
      String domain = domain(text(fields.get("domain")));
      return new Subject(type, null, phone, null, null, form(CompanyNames.matchingForm(text(fields.get("name")))),
          domain != null ? domain : domain(text(fields.get("website"))), city, postcode, null);
    }
    String email = form(text(fields.get("email")).toLowerCase(Locale.ROOT));
    return new Subject(type, email != null && email.indexOf('@') > 0 ? email : null, phone,
        form(PersonNames.matchingForm(text(fields.get("firstName")))),
        form(PersonNames.matchingForm(text(fields.get("lastName")))), null, null, city, postcode,
        form(CompanyNames.matchingForm(text(fields.get("company")))));
  }

  /** The part of the e-mail before the {@code @}, or null. */
  public @Nullable String emailLocal() {
    return email == null ? null : email.substring(0, email.lastIndexOf('@'));
  }

  /** The e-mail's domain, or null. */
  public @Nullable String emailDomain() {
    return email == null ? null : email.substring(email.lastIndexOf('@') + 1);
  }

  /** Whether the e-mail's domain is a free-mail provider's (it then says nothing about the employer). */
  public boolean freeMail() {
    String d = emailDomain();
    if (d == null) {
      return false;
    }
    try {
      return Domains.clean(d).isFreeMail();
    } catch (CanonicalException e) {
      return false;
    }
  }

  private static @Nullable String domain(String raw) {
    if (raw.isEmpty()) {
      return null;
    }
    try {
      DomainValue d = Domains.clean(raw);
      return d.isFreeMail() ? null : d.registrable();
    } catch (CanonicalException | IllegalArgumentException e) {
      return null; // not a domain: identifies nothing
    }
  }

  private static @Nullable String postcode(String code, String country) {
    String c = code.toUpperCase(Locale.ROOT).replace(" ", "");
    return c.isEmpty() ? null : (country.isEmpty() ? "" : country.toUpperCase(Locale.ROOT) + ":") + c;
  }

  private static String text(@Nullable Object v) {
    return v instanceof String s ? s.trim() : "";
  }

  private static @Nullable String form(String s) {
    return s.isEmpty() ? null : s;
  }
}
