package dev.switchboard.app.console;

import dev.switchboard.app.access.Action;
import dev.switchboard.app.access.Member;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A connection's mappings page: per vendor type, the default mapping and the tenant's overrides side by side, a
 * preview of what a real record would send under the overrides being edited, and save (which creates a field the
 * vendor lacks, and says how many records it re-sends). The page is the shell; {@code /js/mappings.js} reads and
 * changes the mappings through {@code /api/connections/{id}/mappings} with the member's session and CSRF token, so
 * the console does exactly what that API does (validation, vendor fields, versioning, audit, re-sending), and the
 * API's own rule ({@link Action#MAPPINGS}) decides who may save.
 */
@Controller
class MappingsConsoleController {
  private static final String UUID = "[0-9a-f-]{36}";
  private final Connections connections;

  MappingsConsoleController(Connections connections) {
    this.connections = connections;
  }

  @GetMapping("/console/connections/{id}/mappings")
  String page(@PathVariable String id, @RequestParam(name = "record", required = false) @Nullable String record,
      Model model, @AuthenticationPrincipal Member member, HttpServletResponse response) {
    Optional<Connection> c = connections.find(member.tenantId(), id);
    if (c.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("missing", id);
      return "mappings";
    }
    model.addAttribute("connection", c.get());
    model.addAttribute("mayChange", member.may(Action.MAPPINGS));
    model.addAttribute("record", record != null && record.matches(UUID) ? record : "");
    return "mappings";
  }
}
