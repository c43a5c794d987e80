package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.mapping.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FieldSpec}s as Mailchimp merge field types and back (https://mailchimp.com/developer/marketing/docs/merge-fields/).
 * Mailchimp has {@code text}, {@code number}, {@code date} (with {@code options.date_format}) and {@code dropdown}
 * (with {@code options.choices}, plain strings: an option's value, which is what a member holds); it has no
 * time-of-day nor yes/no field, so a datetime (an ISO-8601 instant kept whole) and a bool ({@code true}/{@code false})
 * are text. A date is text too for now: Mailchimp takes and answers a date field's values in its {@code date_format},
 * which the member binding does not convert yet.
 */
final class MailchimpMergeFieldTypes {
  private MailchimpMergeFieldTypes() {}

  /** The {@code POST /lists/{id}/merge-fields} body of a field {@code tag} named {@code name} for {@code spec}. */
  static ObjectNode create(String tag, String name, FieldSpec spec) {
    ObjectNode body = MailchimpClient.JSON.createObjectNode().put("tag", tag).put("name", name);
    switch (spec.kind()) {
      case FieldSpec.NUMBER -> body.put("type", "number");
      // no date type yet: Mailchimp takes and answers a date merge field's values in its date_format, which the
      // member binding does not convert to and from; a text field holds the spine's ISO date as it is
      case FieldSpec.ENUMERATION -> {
        body.put("type", "dropdown");
        ArrayNode choices = body.putObject("options").putArray("choices");
        spec.choices().forEach(o -> choices.add(o.value()));
      }
      default -> body.put("type", "text");
    }
    return body.put("required", false).put("public", false);
  }

  /**
   * A merge field definition in {@link FieldSpec} terms: {@code number}, {@code date} and {@code dropdown} /
   * {@code radio} (an enumeration of its choices) as they are; text, and every other type (a birthday has no year, an
   * address is a structure, phones, URLs and zips are texts), text.
   */
  static FieldSpec spec(JsonNode field) {
    return switch (field.path("type").asString("")) {
      case "number" -> FieldSpec.of(FieldSpec.NUMBER);
      case "date" -> FieldSpec.of(FieldSpec.DATE);
      case "dropdown", "radio" -> {
        List<FieldSpec.Option> options = new ArrayList<>();
        for (JsonNode c : field.path("options").path("choices")) {
          if (!c.asString("").isEmpty()) {
            options.add(new FieldSpec.Option(c.asString(), c.asString()));
          }
        }
        yield FieldSpec.enumeration(options);
      }
      default -> FieldSpec.text();
    };
  }
}
