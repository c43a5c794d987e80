package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.canonical.ContactField;
import org.junit.jupiter.api.Test;

/** The default mapping files load and validate; a broken file on the class path stops the load, naming it. */
class MappingCatalogTests {

  @Test
  void theDefaultFilesLoad() {
    MappingCatalog catalog = MappingCatalog.load(MappingCatalog.LOCATION);
    assertThat(catalog.file("hubspot", "contact").writtenFields()).contains(ContactField.EMAIL, "owner");
    assertThat(catalog.file("mailchimp", "member").canonicalType()).isEqualTo("contact");
    assertThat(catalog.forCanonical("hubspot", "company")).hasSize(1);
  }

  @Test
  void aBrokenFileFailsTheLoadWithFileLineAndReason() {
    assertThatThrownBy(() -> MappingCatalog.load("classpath*:mapping-fixtures/broken/mappings/*/*.yaml"))
        .isInstanceOfSatisfying(MappingFileException.class, e -> {
          assertThat(e.file()).isEqualTo("mappings/hubspot/contact.yaml");
          assertThat(e.line()).isEqualTo(6);
          assertThat(e.reason()).isEqualTo("unknown canonical field shoeSize of contact");
        });
  }
}
