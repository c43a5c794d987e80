package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The field tables of docs/integrations/*_mapping.md say what the mapping files say, so the two cannot drift. A table
 * is the first one after its heading; its first column names canonical fields, its second the vendor's, each in
 * backticks; Read and Write columns, where the table has them, say ✓ or ✗, and a Direction column ⇄ (both), ← (read)
 * or → (write). Checked both ways: every rule of the file
 * has a row naming its canonical field(s) and, among the vendor cell's names, its vendor field(s), with the file's
 * direction; every row naming exactly the canonical fields of one rule and vendor fields in backticks is that rule
 * (rows of fields no file maps, such as the modified time, the create key or per-connection custom fields, name no
 * rule's canonical fields and are left alone).
 */
class MappingDocsTests {
  private static final Path DOCS = Path.of("../docs/integrations");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @Test
  void hubspotContactsTable() throws IOException {
    check("hubspot_mapping.md", "## Field mapping", MappingCatalog.defaults().file("hubspot", "contact"));
  }

  @Test
  void hubspotCompaniesTable() throws IOException {
    check("hubspot_mapping.md", "### Companies", MappingCatalog.defaults().file("hubspot", "company"));
  }

  @Test
  void hubspotDealsTable() throws IOException {
    check("hubspot_mapping.md", "### Deals", MappingCatalog.defaults().file("hubspot", "deal"));
  }

  @Test
  void hubspotLineItemsTable() throws IOException {
    check("hubspot_mapping.md", "### Line items (a deal's `lines`)", MappingCatalog.defaults().file("hubspot",
        "line_item"));
  }

  @Test
  void hubspotProductsTable() throws IOException {
    check("hubspot_mapping.md", "### Products", MappingCatalog.defaults().file("hubspot", "product"));
  }

  @Test
  void mailchimpMembersTable() throws IOException {
    check("mailchimp_mapping.md", "## Field mapping", MappingCatalog.defaults().file("mailchimp", "member"));
  }

  /** Each mapping document states the default record filter of each of its files, as the file has it. */
  @Test
  void theDefaultRecordFiltersAreTheFiles() throws IOException {
    for (MappingFile f : MappingCatalog.defaults().all()) {
      if (!List.of("hubspot", "mailchimp").contains(f.system())) {
        continue;
      }
      String doc = Files.readString(DOCS.resolve(f.system() + "_mapping.md"));
      Matcher m = Pattern.compile("Default record filter of `" + Pattern.quote(f.vendorType()) + "`: ([^\\n]*)\\.")
          .matcher(doc);
      assertThat(m.find()).as(f.system() + "_mapping.md states the default record filter of " + f.vendorType()).isTrue();
      assertThat(m.group(1)).as(f.resource()).isEqualTo(filterInWords(f.filter()));
    }
    assertThat(filterInWords(new RecordFilter("lifecycleStage", RecordFilter.Operator.NOT_IN, List.of("other", "lead"))))
        .isEqualTo("`lifecycleStage` not_in `other`, `lead`");
  }

  /** {@code none}, {@code `field` present}, or {@code `field` in `a`, `b`}. */
  private static String filterInWords(RecordFilter filter) {
    if (filter == null || filter.field() == null) {
      return "none";
    }
    StringBuilder out = new StringBuilder("`" + filter.field() + "` " + filter.operator().apiName());
    for (int i = 0; i < filter.values().size(); i++) {
      out.append(i == 0 ? " " : ", ").append('`').append(filter.values().get(i)).append('`');
    }
    return out.toString();
  }

  @Test
  void aDriftIsFound() {
    MappingFile file = new MappingFileParser(dev.switchboard.app.canonical.model.CanonicalTypes.standard()).parse(
        "mappings/t/x.yaml", "t", "x", "canonicalType: contact\nfields:\n"
            + "  - {canonical: email, vendor: email, direction: both}\n"
            + "  - {canonical: phone, vendor: phone_number, direction: read}\n");
    List<String> table = List.of("| Canonical | Vendor | Read | Write | Notes |", "|---|---|---|---|---|",
        "| `email` | `email` | ✓ | ✓ | |", "| `phone` | `phone_number` | ✓ | ✓ | |", "| `company` | `org` | ✓ | ✓ | |");
    assertThat(drift(table, file)).containsExactly(
        "phone ⇄ phone_number: the file says read, the table Read ✓ Write ✓",
        "row company ⇄ org: no rule of mappings/t/x.yaml maps company");
  }

  @Test
  void aDirectionColumnIsChecked() {
    MappingFile file = new MappingFileParser(dev.switchboard.app.canonical.model.CanonicalTypes.standard()).parse(
        "mappings/t/x.yaml", "t", "x", "canonicalType: contact\nfields:\n"
            + "  - {canonical: email, vendor: email, direction: both}\n"
            + "  - {canonical: phone, vendor: phone_number, direction: read}\n"
            + "  - {canonical: company, vendor: org, direction: write}\n");
    List<String> table = List.of("| Canonical | Vendor | Direction | Notes |", "|---|---|---|---|",
        "| `email` | `email` | ⇄ | |", "| `phone` | `phone_number` | ⇄ | |", "| `company` | `org` | → | |");
    assertThat(drift(table, file)).containsExactly("phone ⇄ phone_number: the file says read, the table Direction ⇄");
  }

  private static void check(String doc, String heading, MappingFile file) throws IOException {
    List<String> lines = Files.readAllLines(DOCS.resolve(doc));
    int at = lines.indexOf(heading);
    assertThat(at).as(heading + " in " + doc).isGreaterThanOrEqualTo(0);
    List<String> table = new ArrayList<>();
    for (int i = at + 1; i < lines.size(); i++) {
      String l = lines.get(i).trim();
      if (l.startsWith("|")) {
        table.add(l);
      } else if (!table.isEmpty()) {
        break;
      }
    }
    assertThat(drift(table, file)).as(doc + " " + heading + " against " + file.resource()).isEmpty();
  }

  /** What differs between a markdown table and the file's rules. */
  static List<String> drift(List<String> table, MappingFile file) {
    List<String> header = cells(table.get(0));
    int read = indexOf(header, "Read");
    int write = indexOf(header, "Write");
    int direction = indexOf(header, "Direction");
    List<List<String>> rows = table.stream().skip(2).map(MappingDocsTests::cells).toList();
    List<String> out = new ArrayList<>();
    for (FieldRule r : file.rules()) {
      if (r.canonical().isEmpty()) {
        continue;
      }
      String name = String.join(", ", r.canonical()) + " ⇄ " + String.join(", ", r.vendor());
      List<String> row = rows.stream().filter(c -> codes(c.get(0)).equals(r.canonical())
          && codes(c.get(1)).containsAll(r.vendor())).findFirst().orElse(null);
      if (row == null) {
        out.add(name + ": no row");
        continue;
      }
      if (read >= 0 && write >= 0 && (row.get(read).startsWith("✓") != r.direction().reads()
          || row.get(write).startsWith("✓") != r.direction().writes())) {
        out.add(name + ": the file says " + r.direction().name().toLowerCase(java.util.Locale.ROOT) + ", the table Read "
            + row.get(read) + " Write " + row.get(write));
      } else if (direction >= 0) {
        String d = row.get(direction);
        if ((d.contains("⇄") || d.contains("←")) != r.direction().reads()
            || (d.contains("⇄") || d.contains("→")) != r.direction().writes()) {
          out.add(name + ": the file says " + r.direction().name().toLowerCase(java.util.Locale.ROOT)
              + ", the table Direction " + d);
        }
      }
    }
    for (List<String> row : rows) {
      List<String> canonical = codes(row.get(0));
      List<String> vendor = codes(row.get(1));
      if (canonical.isEmpty() || vendor.isEmpty() || canonical.stream().anyMatch(c -> c.contains("<"))) {
        continue;
      }
      boolean known = file.rules().stream().anyMatch(r -> r.canonical().equals(canonical));
      boolean mapsAny = file.rules().stream().anyMatch(r -> r.canonical().stream().anyMatch(canonical::contains));
      if (!known && !mapsAny && dev.switchboard.app.canonical.model.CanonicalTypes.standard()
          .type(file.canonicalType()).field(canonical.get(0)).isPresent()) {
        out.add("row " + String.join(", ", canonical) + " ⇄ " + String.join(", ", vendor) + ": no rule of "
            + file.resource() + " maps " + String.join(", ", canonical));
      } else if (known && file.rules().stream().filter(r -> r.canonical().equals(canonical))
          .noneMatch(r -> vendor.containsAll(r.vendor()))) {
        out.add("row " + String.join(", ", canonical) + " ⇄ " + String.join(", ", vendor) + ": the file maps other "
            + "vendor fields");
      }
    }
    return out;
  }

  private static int indexOf(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> cells(String row) {
    String r = row.trim();
    r = r.substring(1, r.endsWith("|") ? r.length() - 1 : r.length());
    return Arrays.stream(r.split("\\|", -1)).map(String::trim).toList();
  }

  private static List<String> codes(String cell) {
    List<String> out = new ArrayList<>();
    Matcher m = CODE.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
