package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

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

  private static final String ENGAGEMENTS = "### Engagements (meetings, calls, emails, notes, tasks)";

  /**
   * The engagements' table has a column per vendor type (its file, {@code mappings/hubspot/<type>.yaml}): each rule of
   * the file has the row of each of its canonical fields naming the properties the field is read from (a written-only
   * rule: those it writes; a constant: its value); a cell naming a property of an engagement file names one this file
   * maps to the row's field.
   */
  @Test
  void hubspotEngagementsTable() throws IOException {
    List<String> table = table("hubspot_mapping.md", ENGAGEMENTS, 0);
    List<String> header = cells(table.get(0));
    List<MappingFile> files = MappingCatalog.defaults().forCanonical("hubspot", "activity");
    assertThat(files).as("engagement files").hasSize(5);
    List<String> drift = new ArrayList<>();
    for (MappingFile f : files) {
      int column = indexOf(header, f.vendorType());
      assertThat(column).as("a column for " + f.resource()).isPositive();
      columnDrift(table, column, f, files).forEach(d -> drift.add(f.resource() + ": " + d));
    }
    assertThat(drift).isEmpty();
  }

  /** The status table: per kind, the codes read into each canonical state and the one written, as the files say. */
  @Test
  void hubspotEngagementStatusTable() throws IOException {
    List<String> table = table("hubspot_mapping.md", ENGAGEMENTS, 1);
    List<MappingFile> files = MappingCatalog.defaults().forCanonical("hubspot", "activity");
    List<String> kinds = new ArrayList<>();
    for (List<String> row : table.stream().skip(2).map(MappingDocsTests::cells).toList()) {
      String kind = row.get(0).split(" ")[0];
      kinds.add(kind);
      MappingFile f = files.stream().filter(x -> x.vendorType().equals(kind)).findFirst().orElseThrow();
      FieldRule rule = f.writeRules().stream().filter(r -> r.canonical().equals(List.of("status"))).findFirst()
          .orElseThrow();
      assertThat(codes(row.get(0))).as(kind).isEqualTo(rule.vendor());
      assertThat(statusesRead(row.get(1))).as(kind + " read").isEqualTo(((EnumTransform) rule.transform()).toCanonical());
      assertThat(statusesWritten(row.get(2))).as(kind + " written").isEqualTo(written((EnumTransform) rule.transform()));
    }
    assertThat(kinds).as("a row for each kind with a status").containsExactlyInAnyOrderElementsOf(files.stream()
        .filter(f -> f.rule("status").isPresent()).map(MappingFile::vendorType).toList());
  }

  @Test
  void anEngagementColumnDriftIsFound() {
    MappingFile file = new MappingFileParser(dev.switchboard.app.canonical.model.CanonicalTypes.standard()).parse(
        "mappings/hubspot/note.yaml", "hubspot", "note", "canonicalType: activity\nfields:\n"
            + "  - {canonical: kind, direction: read, transform: {constant: note}}\n"
            + "  - {canonical: body, vendor: hs_note_body, direction: both}\n"
            + "  - {canonical: owner, vendor: hubspot_owner_id, direction: both}\n");
    List<String> table = List.of("| Canonical | note |", "|---|---|", "| `kind` | `task` |", "| `body` | `hs_body` |",
        "| `subject` | `hs_note_body` |", "| `owner` | — |");
    assertThat(columnDrift(table, 1, file, List.of(file))).containsExactly(
        "kind: the note column names no `note`", "body: the note column names no `hs_note_body`",
        "owner: the note column names no `hubspot_owner_id`",
        "row subject: the note column names `hs_note_body`, which the file maps to no subject");
    assertThat(statusesRead("`A`, `B` → planned; `C` → no_show (why)")).containsExactly(entry("A", "planned"),
        entry("B", "planned"), entry("C", "no_show"));
    assertThat(statusesWritten("planned `A`, no_show `C`; cancelled not written")).containsExactly(
        entry("planned", "A"), entry("no_show", "C"));
  }

  /** What differs between one vendor type's column of the engagements' table and its file. */
  private static List<String> columnDrift(List<String> table, int column, MappingFile file, List<MappingFile> all) {
    List<List<String>> rows = table.stream().skip(2).map(MappingDocsTests::cells).toList();
    List<String> out = new ArrayList<>();
    for (FieldRule r : file.rules()) {
      for (int i = 0; i < r.canonical().size(); i++) {
        String c = r.canonical().get(i);
        List<String> expected = r.transform() instanceof ConstantTransform k ? List.of(k.value())
            : !r.direction().reads() ? r.vendor()
            : r.transform().readFrom(i, r.vendor().size()).stream().map(r.vendor()::get).toList();
        List<String> row = rows.stream().filter(x -> codes(x.get(0)).equals(List.of(c))).findFirst().orElse(null);
        if (row == null) {
          out.add(c + ": no row");
          continue;
        }
        List<String> cell = codes(row.get(column));
        expected.stream().filter(v -> !cell.contains(v)).forEach(v -> out.add(c + ": the " + file.vendorType()
            + " column names no `" + v + "`"));
      }
    }
    java.util.Set<String> properties = new java.util.HashSet<>();
    all.forEach(f -> properties.addAll(f.vendorFields()));
    for (List<String> row : rows) {
      List<String> canonical = codes(row.get(0));
      if (canonical.size() != 1) {
        continue;
      }
      java.util.Set<String> mapped = new java.util.HashSet<>();
      file.rules().stream().filter(r -> r.canonical().contains(canonical.get(0))).forEach(r -> mapped.addAll(r.vendor()));
      codes(row.get(column)).stream().filter(v -> properties.contains(v) && !mapped.contains(v)).forEach(v -> out.add(
          "row " + canonical.get(0) + ": the " + file.vendorType() + " column names `" + v + "`, which the file maps to no "
          + canonical.get(0)));
    }
    return out;
  }

  /** {@code `A`, `B` → planned; `C` → completed} → {A: planned, B: planned, C: completed}. */
  private static java.util.Map<String, String> statusesRead(String cell) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String part : cell.split(";")) {
      String[] sides = part.split("→");
      String state = sides[1].trim().split("[ (]")[0];
      codes(sides[0]).forEach(code -> out.put(code, state));
    }
    return out;
  }

  /** {@code planned `A`, completed `C`; cancelled not written} → {planned: A, completed: C}. */
  private static java.util.Map<String, String> statusesWritten(String cell) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String part : cell.split("[,;]")) {
      List<String> code = codes(part);
      if (!code.isEmpty()) {
        out.put(part.trim().split(" ")[0], code.get(0));
      }
    }
    return out;
  }

  /** The code written for each canonical state: the first the table maps to it. */
  private static java.util.Map<String, String> written(EnumTransform t) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    t.toCanonical().forEach((vendor, canonical) -> out.putIfAbsent(canonical, vendor));
    return out;
  }

  /** The {@code n}th table (0-based) after {@code heading}, before the next heading. */
  private static List<String> table(String doc, String heading, int n) throws IOException {
    List<String> lines = Files.readAllLines(DOCS.resolve(doc));
    int at = lines.indexOf(heading);
    assertThat(at).as(heading + " in " + doc).isGreaterThanOrEqualTo(0);
    int seen = 0;
    List<String> table = new ArrayList<>();
    for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
      String l = lines.get(i).trim();
      if (l.startsWith("|")) {
        table.add(l);
      } else if (!table.isEmpty()) {
        if (seen++ == n) {
          return table;
        }
        table = new ArrayList<>();
      }
    }
    assertThat(seen == n && !table.isEmpty()).as("table " + n + " after " + heading).isTrue();
    return table;
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
