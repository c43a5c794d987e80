package dev.switchboard.app.canonical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Company names. The display form is the name as typed, trimmed with whitespace runs collapsed. The matching form, for
 * identity only, is case-folded, Latin accents removed, {@code &} read as "and", punctuation removed, a leading
 * "the" dropped, and legal-form suffixes removed from the end, repeatedly: "The Acme Company, Inc.", "ACME Co" and
 * "Acme" all become {@code acme}, "Acme S.A." and "ACME SA" too; "Müller GmbH & Co. KG" becomes {@code muller}.
 * A name that is nothing but a legal form ("Limited") keeps its last word, so it never matches everything.
 */
public final class CompanyNames {
  // Legal forms as word sequences after folding and punctuation removal ("S.A." is "sa", "Pty. Ltd." is "pty ltd").
  // Longest first, so "gmbh and co kg" goes before "kg" would leave "gmbh and co".
  private static final List<List<String>> SUFFIXES = suffixes(
      "gmbh and co kg", "gmbh co kg", "ag and co kg", "and co kg", "co kg", "sa de cv", "s de rl", "pty ltd",
      "pty limited", "pte ltd", "pvt ltd", "private limited", "sdn bhd", "public limited company",
      "limited liability company", "and co", "and company", "inc", "incorporated", "llc", "llp", "lp", "pllc",
      "ltd", "limited", "plc", "corp", "corporation", "co", "company", "gmbh", "ag", "kg", "ug", "ohg", "ev", "mbh",
      "sa", "sas", "sarl", "eurl", "sasu", "srl", "spa", "snc", "bv", "nv", "vof", "bvba", "sprl", "oy", "oyj",
      "ab", "as", "asa", "aps", "kk", "gk", "sl", "slu", "ltda", "cia", "pty", "se", "sc");
  private static final Set<String> LEADING = Set.of("the");

  private CompanyNames() {}

  /** The display form; may be empty. */
  public static String display(String raw) {
    return TextForms.singleLine(raw);
  }

  /** The matching form; never stored or shown. Empty only for a name without letters or digits. */
  public static String matchingForm(String name) {
    // Dots go without a space so that abbreviations stay one word: "S.A." is "sa", "L.L.C." is "llc".
    String words = TextForms.foldWords(TextForms.fold(name).replace(".", "").replace("&", " and ").replace("+", " and "));
    List<String> tokens = new ArrayList<>(Arrays.asList(words.isEmpty() ? new String[0] : words.split(" ")));
    if (tokens.size() > 1 && LEADING.contains(tokens.getFirst())) {
      tokens.removeFirst();
    }
    boolean removed = true;
    while (removed && tokens.size() > 1) {
      removed = false;
      for (List<String> suffix : SUFFIXES) {
        List<String> tail = tokens.subList(Math.max(0, tokens.size() - suffix.size()), tokens.size());
        if (tokens.size() > suffix.size() && tail.equals(suffix)) {
          tail.clear();
          removed = true;
          break;
        }
      }
      if (tokens.size() > 1 && tokens.getLast().equals("and")) {
        tokens.removeLast();
        removed = true;
      }
    }
    return String.join(" ", tokens);
  }

  private static List<List<String>> suffixes(String... forms) {
    return Arrays.stream(forms).map(f -> List.of(f.split(" "))).toList();
  }
}
