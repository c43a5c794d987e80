package dev.switchboard.app.canonical;

/**
 * Person names. The display form is what the person typed, trimmed with whitespace runs collapsed (casing is theirs:
 * "McDonald", "van der Berg" and "ŁUKASZ" are not ours to fix). The matching form, for duplicate detection only, is
 * case-folded with Latin accents removed and punctuation turned into spaces: "José  O'Brien-Núñez" and
 * "jose obrien nunez" match.
 */
public final class PersonNames {

  private PersonNames() {}

  /** The display form; may be empty. */
  public static String display(String raw) {
    return TextForms.singleLine(raw);
  }

  /** The matching form; never stored or shown. */
  public static String matchingForm(String name) {
    return TextForms.foldWords(name);
  }
}
