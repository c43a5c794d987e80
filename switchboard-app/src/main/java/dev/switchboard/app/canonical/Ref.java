package dev.switchboard.app.canonical;

import java.util.regex.Pattern;

/**
 * A reference to another canonical record (its golden record id), e.g. an invoice's customer
 * {@code Ref("company", "…")}. Which types a field may point to is declared by its {@link ValueType.RefType}.
 * Vendor ids never appear here: the sync engine resolves them through links.
 *
 * @param type a canonical type name ({@code contact}, {@code product}, …)
 * @param id   the referenced record's id: non-blank, trimmed, at most 200 characters
 */
public record Ref(String type, String id) implements Value {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*");

  public Ref {
    if (!TYPE.matcher(type).matches() || id.isBlank() || !id.equals(id.strip()) || id.length() > 200) {
      throw new CanonicalException(CanonicalException.INVALID_REFERENCE, "a reference needs a type name and an id");
    }
  }

  @Override
  public String toString() {
    return type + "/" + id;
  }
}
