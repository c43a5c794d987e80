package dev.switchboard.app.canonical;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The text normal forms every cleaner shares: a display form (what people see) and a matching form (what identity
 * compares). Pure and thread-safe.
 */
final class TextForms {
  // Unicode-aware: NBSP, en spaces, ideographic space and line separators are whitespace too.
  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+", Pattern.UNICODE_CHARACTER_CLASS);
  // Invisible characters pasted along with names (zero-width space/joiners, BOM, soft hyphen) and C0/C1 controls
  // other than the line breaks and tabs that the whitespace rules handle.
  private static final Pattern INVISIBLE =
      Pattern.compile("[\\u200B\\u200C\\u200D\\u2060\\uFEFF\\u00AD\\p{Cc}&&[^\\t\\n\\r\\x0B\\f]]");
  private static final Pattern LINE_INNER_SPACES = Pattern.compile("[\\p{Z}\\t\\x0B\\f]+");
  private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");
  // ICU's Latin-ASCII folds every Latin letter with a diacritic, ligature or stroke to ASCII (é→e, ø→o, ß→ss,
  // ł→l, æ→ae) and leaves other scripts alone, so a Japanese voicing mark or a Cyrillic й keeps its meaning.
  // ICU does not promise that a Transliterator is safe for concurrent use, hence the lock.
  private static final Transliterator LATIN_ASCII = Transliterator.getInstance("Latin-ASCII");

  private TextForms() {}

  /** NFC, invisible characters removed, trimmed, every run of whitespace (line breaks included) one space. */
  static String singleLine(String raw) {
    String s = INVISIBLE.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC)).replaceAll("");
    return SPACES.matcher(s).replaceAll(" ").strip();
  }

  /**
   * NFC, invisible characters removed, line breaks as {@code \n}, spaces collapsed within each line, blank lines
   * kept (they are paragraphs), the whole trimmed.
   */
  static String multiLine(String raw) {
    String s = INVISIBLE.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n'))
        .replaceAll("");
    StringBuilder out = new StringBuilder(s.length());
    for (String line : s.split("\n", -1)) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(LINE_INNER_SPACES.matcher(line).replaceAll(" ").strip());
    }
    return out.toString().strip();
  }

  /** Trimmed and NFC only: identifiers and codes keep their inner spacing and case. */
  static String identifier(String raw) {
    return INVISIBLE.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC)).replaceAll("").strip();
  }

  /** Full Unicode case folding (ß→ss, Σ/ς→σ), Latin diacritics removed, whitespace collapsed. */
  static String fold(String raw) {
    String latin;
    synchronized (LATIN_ASCII) {
      latin = LATIN_ASCII.transliterate(Normalizer.normalize(raw, Normalizer.Form.NFC));
    }
    // Folding after transliteration: İ becomes I then i, instead of i + a combining dot that would survive.
    return singleLine(UCharacter.foldCase(latin, true));
  }

  /**
   * {@link #fold} with apostrophes removed and other punctuation and symbols replaced by spaces: "O'Brien-Smith" and
   * "obrien smith" are one matching form.
   */
  static String foldWords(String raw) {
    String folded = fold(raw).replace("'", "").replace("\u2019", "");
    return singleLine(PUNCTUATION.matcher(folded).replaceAll(" "));
  }

  /** Length in Unicode code points (what people count; a UTF-16 length counts an emoji twice). */
  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  static boolean isNfc(String s) {
    return Normalizer.isNormalized(s, Normalizer.Form.NFC);
  }
}
