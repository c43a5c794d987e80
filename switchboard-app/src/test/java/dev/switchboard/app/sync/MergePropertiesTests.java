package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code switchboard.merge.*} as an operator writes it binds to the per-field priority the merge uses. */
class MergePropertiesTests {

  private static FieldPriority bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("switchboard.merge",
        MergeProperties.class).toFieldPriority();
  }

  @Test
  void aFieldsOwnOrderOverridesTheSystemPriorityForThatFieldOnly() {
    FieldPriority p = bind(Map.of("switchboard.merge.system-priority", "api,hubspot,mailchimp",
        "switchboard.merge.field-priority.marketingStatus", "mailchimp,hubspot",
        "switchboard.merge.field-priority[custom.tier]", "mailchimp"));
    assertThat(p.of("marketingStatus")).containsExactly("mailchimp", "hubspot");
    assertThat(p.of("custom.tier")).containsExactly("mailchimp");
    assertThat(p.of("firstName")).containsExactly("api", "hubspot", "mailchimp");
  }

  @Test
  void withoutSettingsTheDefaultOrderAppliesToEveryField() {
    assertThat(bind(Map.of()).of("marketingStatus")).isEqualTo(List.of("api", "hubspot", "mailchimp"));
  }
}
