package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.model.CanonicalTypes;
import dev.switchboard.app.support.JavaSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The mapping files are the only source of their vendor types' field names: no vendor field name of a mapping file
 * appears as a string literal in the application's Java code (comments do not count) outside the binding's fetch and
 * write calls.
 *
 * <p>What counts as a vendor field name: every vendor field a file names ({@code firstname}, {@code merge_fields.FNAME}),
 * the key inside the vendor's object it stands for ({@code FNAME}) and the keys a transform names inside a vendor
 * field ({@code addr1}). Where: in the vendor's connector package ({@code connectors/<system>}) every such literal
 * counts; elsewhere only a name that is not also a canonical field name or a key of a canonical structure, since
 * {@code "email"} and {@code "phone"} outside a connector are canonical names. Not counted, each with its reason:
 * the binding's fetch and write calls (the classes named {@code *Client}, {@code *Pages}, {@code *Writes},
 * {@code *Binding}, {@code *WebhookParser}); and the literals of {@link #EXEMPT}. Every vendor type of HubSpot and
 * Mailchimp has its mapping file: no class is exempt for its type.
 */
class VendorFieldNamesInJavaTests {
  private static final Path MAIN = Paths.get("src/main/java");
  private static final Pattern BINDING_CALLS = Pattern.compile(".*(Client|Pages|Writes|Binding|WebhookParser)\\.java");


  /** Files where {@code "state"} is a protocol's word (OAuth's state parameter, a first sync's state), not a region. */
  private static final Set<String> STATE_IS_NOT_A_REGION = Set.of("api/FirstSyncController.java",
      "connections/OAuthConnect.java");

  /** File → literals that are not a mapped record's field there, with why. */
  private static final Map<String, Set<String>> EXEMPT = Map.ofEntries(
      // HubSpot's object type names (contact, company, email engagements, line items), not properties
      Map.entry("connectors/hubspot/HubSpotObjectKind.java", Set.of("company", "email", "contact", "line_items")),
      // the owners API's own field (an owner's e-mail) and the owner property, shared with the unmapped types
      Map.entry("connectors/hubspot/HubSpotOwners.java", Set.of("email", "hubspot_owner_id")),
      // the property definition of switchboard_id (the properties API's fields), a write call
      Map.entry("connectors/hubspot/HubSpotKeyProperty.java", Set.of("name", "description")),
      // the property definition of a mapped custom property (the properties API's fields), a write call
      Map.entry("connectors/hubspot/HubSpotCustomProperties.java", Set.of("name", "description")),
      // the canonical address's keys in Mailchimp's completeness rule (street, city, region, postal code)
      Map.entry("connectors/mailchimp/MailchimpMapper.java", Set.of("city")),
      // the vendor type names of the two vendor types, as the mapping files' paths spell them
      Map.entry("connectors/hubspot/HubSpotContactType.java", Set.of("contact")),
      Map.entry("connectors/hubspot/HubSpotCompanyType.java", Set.of("company")),
      // the seed-2 upsert contract's input names: an API of ours that accepts HubSpot-style names and aliases
      Map.entry("api/ContactUpsertMapper.java", Set.of("firstname", "lastname", "lifecyclestage", "company", "email",
          "phone")),
      Map.entry("api/DealUpsertMapper.java", Set.of("dealname", "deal_currency_code", "dealstage", "closedate",
          "line_items")),
      Map.entry("api/CompanyUpsertMapper.java", Set.of("numberofemployees", "address2", "state", "zip", "address", "city",
          "country")),
      // the address cleaner's accepted input keys (any vendor's spelling of a street line, a region, a postcode)
      Map.entry("canonical/AddressCleaner.java", Set.of("address2", "state", "zip")));

  @Test
  void noVendorFieldNameOfAMappingFileIsHardCodedOutsideTheBindingCalls() throws IOException {
    Map<String, Set<String>> namesBySystem = new java.util.HashMap<>();
    for (MappingFile f : MappingCatalog.defaults().all()) {
      Set<String> names = namesBySystem.computeIfAbsent(f.system(), k -> new HashSet<>());
      for (String v : f.vendorFields()) {
        names.add(v);
        names.add(v.substring(v.indexOf('.') + 1));
      }
      f.rules().forEach(r -> names.addAll(r.transform().vendorKeys()));
    }
    Set<String> canonical = canonicalNames();
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String rel = MAIN.resolve("dev/switchboard/app").relativize(p).toString().replace('\\', '/');
        String name = p.getFileName().toString();
        if (BINDING_CALLS.matcher(name).matches()) {
          continue;
        }
        for (Map.Entry<String, Set<String>> e : namesBySystem.entrySet()) {
          boolean own = rel.startsWith("connectors/" + e.getKey() + "/");
          for (String literal : literals(Files.readString(p))) {
            if (e.getValue().contains(literal) && (own || !canonical.contains(literal))
                && !EXEMPT.getOrDefault(rel, Set.of()).contains(literal)
                && !(literal.equals("state") && STATE_IS_NOT_A_REGION.contains(rel))) {
              found.add(rel + ": \"" + literal + "\" (" + e.getKey() + ")");
            }
          }
        }
      }
    }
    assertThat(found).as("vendor field names in Java; map them in mappings/<system>/<type>.yaml instead").isEmpty();
  }

  @Test
  void theScanFindsALiteralButNotAComment() {
    assertThat(literals("// \"firstname\"\n/* \"lastname\" */ String a = \"email\"; /** {@code \"x\"} */"))
        .containsExactly("email");
  }

  /** String literals of Java source without its comments. */
  static List<String> literals(String source) {
    return JavaSource.literals(source);
  }

  /** Every canonical field name and every key of a canonical structure (an address's city, a line's quantity). */
  private static Set<String> canonicalNames() {
    Set<String> out = new TreeSet<>(List.of("lines", "city", "region", "postalCode", "country"));
    CanonicalTypes.standard().all().forEach(t -> out.addAll(t.fields().keySet()));
    return out;
  }
}
