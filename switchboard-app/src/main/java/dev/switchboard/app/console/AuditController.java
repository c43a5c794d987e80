package dev.switchboard.app.console;

import dev.switchboard.app.access.Member;
import dev.switchboard.app.connections.Tenants;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /console/audit}: the member's tenant's audit trail with filters (action prefix, actor, from / to dates in
 * the tenant's time zone, inclusive), and the same rows as CSV ({@code /console/audit.csv}).
 */
@Controller
class AuditController {
  static final int PAGE_ROWS = 500;
  static final int CSV_ROWS = 10_000;

  private final AuditTrail trail;
  private final Tenants tenants;

  AuditController(AuditTrail trail, Tenants tenants) {
    this.trail = trail;
    this.tenants = tenants;
  }

  @GetMapping("/console/audit")
  String page(@RequestParam(required = false) @Nullable String action,
      @RequestParam(required = false) @Nullable String actor, @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to, @AuthenticationPrincipal Member member, Model model) {
    ZoneId zone = zone(member);
    model.addAttribute("rows", trail.rows(member, blank(action), blank(actor), day(from, zone, 0), day(to, zone, 1),
        PAGE_ROWS));
    model.addAttribute("filter", java.util.Map.of("action", orEmpty(action), "actor", orEmpty(actor),
        "from", orEmpty(from), "to", orEmpty(to)));
    model.addAttribute("zone", zone.getId());
    return "audit";
  }

  @GetMapping("/console/audit.csv")
  void csv(@RequestParam(required = false) @Nullable String action,
      @RequestParam(required = false) @Nullable String actor, @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to, @AuthenticationPrincipal Member member,
      HttpServletResponse response) throws IOException {
    ZoneId zone = zone(member);
    List<AuditTrail.Row> rows = trail.rows(member, blank(action), blank(actor), day(from, zone, 0), day(to, zone, 1),
        CSV_ROWS);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
    PrintWriter out = response.getWriter();
    out.print("id,at,actor,ip,action,target,details\r\n");
    for (AuditTrail.Row r : rows) {
      out.print(Stream.of(String.valueOf(r.id()), r.at().toString(), r.actor(), r.ip(), r.action(), r.target(),
          r.details()).map(AuditController::cell).collect(Collectors.joining(",")) + "\r\n");
    }
  }

  /**
   * RFC 4180 quoting; a cell a spreadsheet would read as a formula ({@code = + - @}, tab, CR) gets a leading
   * apostrophe, so an exported value can never run as one.
   */
  static String cell(String value) {
    String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }

  private ZoneId zone(Member member) {
    return tenants.find(member.tenantId()).map(t -> ZoneId.of(t.timeZone())).orElse(ZoneId.of("UTC"));
  }

  /** The start of {@code date} (plus {@code days}) in the zone; null for no bound or a date that is not one. */
  private static @Nullable Instant day(@Nullable String date, ZoneId zone, int days) {
    if (date == null || date.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(date.strip()).plusDays(days).atStartOfDay(zone).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static @Nullable String blank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}
