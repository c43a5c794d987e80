package dev.switchboard.app.canonical.model;

import static dev.switchboard.app.canonical.ValueType.date;
import static dev.switchboard.app.canonical.ValueType.email;
import static dev.switchboard.app.canonical.ValueType.enumOf;
import static dev.switchboard.app.canonical.ValueType.instant;
import static dev.switchboard.app.canonical.ValueType.money;
import static dev.switchboard.app.canonical.ValueType.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which non-PII fields each type keeps in clear ({@code record_projection}) is declared once in the registry, and a
 * declaration that would put personal data, a custom field or a value of the wrong kind in clear never builds.
 */
class ProjectionDeclarationsTests {

  @Test
  void aPiiFieldCannotBeProjected() {
    assertThatThrownBy(() -> CanonicalType.golden("thing").pii("ownerEmail", email())
        .project("ownerEmail", Projection.PARENT_ID).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("personal data");
    assertThatThrownBy(() -> CanonicalType.golden("thing").pii("stage", enumOf("open", "won"))
        .project("stage", Projection.STATUS).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("personal data");
  }

  @Test
  void customUndeclaredChildAndMistypedFieldsCannotBeProjected() {
    assertThatThrownBy(() -> CanonicalType.golden("thing").field("name", text()).customFields()
        .project("custom.tier", Projection.STATUS).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("custom fields never are");
    assertThatThrownBy(() -> CanonicalType.golden("thing").field("startAt", instant())
        .project("startAt", Projection.DUE_ON).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot fill DUE_ON");
    // a unit price (6 fraction digits) has no exact ISO minor units: only totals at the currency's scale
    assertThatThrownBy(() -> CanonicalType.golden("thing").field("unitPrice", money(6))
        .project("unitPrice", Projection.AMOUNT).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot fill AMOUNT");
    assertThatThrownBy(() -> CanonicalType.child("line").field("amount", money())
        .project("amount", Projection.AMOUNT).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only golden records");
    assertThatThrownBy(() -> CanonicalType.golden("thing").field("dueOn", date()).field("closeOn", date())
        .project("dueOn", Projection.DUE_ON).project("closeOn", Projection.DUE_ON))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declared twice");
  }

  @Test
  void theStandardRegistryProjectsOnlyNonPiiFieldsOfTheKindEachColumnHolds() {
    for (CanonicalType type : CanonicalTypes.standard().all()) {
      type.projections().forEach((column, field) -> {
        FieldDef def = type.fields().get(field);
        assertThat(def).as(type + "." + field).isNotNull();
        assertThat(def.pii()).as(type + "." + field).isFalse();
        assertThat(column.accepts(def.type())).as(type + "." + field).isTrue();
      });
      if (type.kind() != CanonicalType.Kind.GOLDEN) {
        assertThat(type.projections()).as(type.name()).isEmpty();
      }
    }
    CanonicalTypes types = CanonicalTypes.standard();
    assertThat(types.type("deal").projections()).containsExactlyInAnyOrderEntriesOf(Map.of(Projection.STATUS, "stage",
        Projection.PIPELINE, "pipeline", Projection.AMOUNT, "amount", Projection.CLOSE_ON, "closeDate",
        Projection.PARENT_ID, "company"));
    assertThat(types.type("invoice").projections()).containsEntry(Projection.STATUS, "status")
        .containsEntry(Projection.AMOUNT, "total").containsEntry(Projection.DUE_ON, "dueOn");
    assertThat(types.type("booking").projections()).containsEntry(Projection.STARTS_AT, "startAt");
    // every lifecycle is projected as the status; types without a projected field have no row
    types.all().forEach(t -> t.lifecycle().ifPresent(l -> assertThat(t.projections())
        .as(t.name()).containsEntry(Projection.STATUS, l.field())));
    assertThat(types.type("company").projections()).isEmpty();
    assertThat(types.type("product").projections()).isEmpty();
  }
}
