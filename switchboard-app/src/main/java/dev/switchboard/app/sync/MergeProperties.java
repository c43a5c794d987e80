package dev.switchboard.app.sync;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the merge breaks ties ({@code switchboard.merge.*}; see {@link FieldPriority}).
 *
 * @param systemPriority the default order, for every field without its own ({@code SWITCHBOARD_SYSTEM_PRIORITY})
 * @param fieldPriority  canonical field → its own order: {@code switchboard.merge.field-priority.marketingStatus=
 *                       mailchimp,hubspot}; a field with a dot in its name is written in brackets
 *                       ({@code field-priority[custom.tier]})
 */
@ConfigurationProperties("switchboard.merge")
public record MergeProperties(@DefaultValue({"api", "hubspot", "mailchimp"}) List<String> systemPriority,
    @Nullable Map<String, List<String>> fieldPriority) {

  public MergeProperties {
    fieldPriority = fieldPriority == null ? Map.of() : Map.copyOf(fieldPriority);
  }

  FieldPriority toFieldPriority() {
    return new FieldPriority(systemPriority, fieldPriority);
  }
}
