package dev.switchboard.app.mapping;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a mapping file: canonical field(s) ⇄ vendor field(s), the direction and the transform between them.
 * Most rules are one field to one field; a transform may join or split ({@code name: split} maps one vendor field to
 * {@code firstName} and {@code lastName}), a {@code constant} has no canonical field and a {@code lookup} no vendor
 * field of its own to read.
 *
 * @param canonical the canonical fields, in the transform's order; empty for a constant written to the vendor
 * @param vendor    the vendor's field names, in the transform's order ({@code merge_fields.FNAME} names a key inside
 *                  an object of the vendor's record)
 * @param lookup    where a write takes the value from when it is another record's field, else null
 * @param line      the 1-based line of the entry in its file, for error messages
 */
public record FieldRule(List<String> canonical, List<String> vendor, Direction direction, Transform transform,
    @Nullable Lookup lookup, int line) {
  public FieldRule {
    canonical = List.copyOf(canonical);
    vendor = List.copyOf(vendor);
  }

  /** The single canonical field of a one-field rule. */
  public String canonicalField() {
    if (canonical.size() != 1) {
      throw new IllegalStateException("rule at line " + line + " maps " + canonical.size() + " canonical fields");
    }
    return canonical.get(0);
  }

  /** The single vendor field of a one-field rule. */
  public String vendorField() {
    if (vendor.size() != 1) {
      throw new IllegalStateException("rule at line " + line + " maps " + vendor.size() + " vendor fields");
    }
    return vendor.get(0);
  }
}
