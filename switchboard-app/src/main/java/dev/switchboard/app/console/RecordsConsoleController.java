package dev.switchboard.app.console;

import dev.switchboard.app.access.Action;
import dev.switchboard.app.access.Member;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.sync.RecordDetails;
import dev.switchboard.app.sync.RecordEdits;
import dev.switchboard.app.sync.RecordSearch;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The records pages. {@code /console/records?q=}: find people, companies and deals by exact e-mail or phone, or by
 * name ({@link RecordSearch}); results are masked. {@code /console/records/{id}}: the record opened, an audited access
 * ({@code record.open}): every field with its provenance, history, edges, and its state in each connection; values
 * unmasked for a member who may see personal data ({@link Action#VIEW_PII}). An owner or admin edits a text field
 * there ({@code POST /console/records/{id}/fields}, {@link RecordEdits}); another tenant's record answers 404.
 */
@Controller
class RecordsConsoleController {
  private final RecordSearch search;
  private final RecordDetails details;
  private final RecordEdits edits;
  private final Provenance provenance;
  private final Tenants tenants;
  private final DomainEvents events;

  RecordsConsoleController(RecordSearch search, RecordDetails details, RecordEdits edits, Provenance provenance,
      Tenants tenants, DomainEvents events) {
    this.search = search;
    this.details = details;
    this.edits = edits;
    this.provenance = provenance;
    this.tenants = tenants;
    this.events = events;
  }

  /** One search result, masked. */
  record Result(String id, String type, String name, String email, String phone, String foundBy) {}

  @GetMapping("/console/records")
  String search(@RequestParam(name = "q", required = false) @Nullable String q, Model model,
      @AuthenticationPrincipal Member member) {
    String query = q == null ? "" : q.strip();
    List<Result> results = query.isEmpty() ? List.of() : search.search(member.tenantId(), query).stream()
        .map(h -> new Result(h.id(), h.type(), Masks.mask(RecordDetails.label(h.fields())), Masks.mask(h.fields().get("email")),
            Masks.mask(h.fields().get("phone")), h.foundBy()))
        .toList();
    model.addAttribute("q", query);
    model.addAttribute("searched", !query.isEmpty());
    model.addAttribute("results", results);
    model.addAttribute("max", RecordSearch.MAX_RESULTS);
    return "records";
  }

  @GetMapping("/console/records/{id}")
  String record(@PathVariable String id, Model model, @AuthenticationPrincipal Member member,
      HttpServletResponse response) {
    Optional<RecordDetails.Detail> found = details.find(member.tenantId(), id);
    if (found.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("missing", id);
      return "record";
    }
    boolean unmasked = member.may(Action.VIEW_PII);
    Map<String, Object> audit = new LinkedHashMap<>();
    audit.put("action", "record.open");
    audit.put("actor", member.getUsername());
    audit.put("target", "record:" + found.get().id());
    audit.put("unmasked", unmasked);
    events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED, audit, null);
    model.addAttribute("record", RecordPage.of(found.get(), unmasked, zone(member), provenance));
    model.addAttribute("unmasked", unmasked);
    model.addAttribute("mayEdit", unmasked && member.may(Action.MERGE));
    return "record";
  }

  @PostMapping("/console/records/{id}/fields")
  String edit(@PathVariable String id, @RequestParam(name = "field", defaultValue = "") String field,
      @RequestParam(name = "value", required = false) @Nullable String value, @AuthenticationPrincipal Member member,
      RedirectAttributes redirect, Model model, HttpServletResponse response) {
    Optional<RecordDetails.Detail> found = details.find(member.tenantId(), id);
    if (found.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("missing", id);
      return "record";
    }
    try {
      edits.edit(member.tenantId(), found.get().id(), field, value, member.getUsername());
      redirect.addFlashAttribute("notice", "Saved " + field + ". It is sent to every connection that maps it.");
    } catch (RecordEdits.Refused e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/console/records/" + found.get().id();
  }

  private ZoneId zone(Member member) {
    return tenants.find(member.tenantId()).map(t -> ZoneId.of(t.timeZone())).orElse(ZoneId.of("UTC"));
  }
}
