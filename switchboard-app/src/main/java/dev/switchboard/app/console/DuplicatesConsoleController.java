package dev.switchboard.app.console;

import dev.switchboard.app.access.Action;
import dev.switchboard.app.access.Member;
import dev.switchboard.app.sync.IdentityReviews;
import dev.switchboard.app.sync.RecordSplits;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
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
 * The duplicates page: the identity review queue ({@link IdentityReviews}) with both records side by side, field by
 * field, the score and the reasons; an owner or admin merges a pair, keeps it apart, or splits a merge or an automatic
 * link back out ({@link Action#MERGE}). Every decision is audited by {@link IdentityReviews}. Values are masked for a
 * member who may not see personal data. Another tenant's decision answers 404 and is not taken.
 */
@Controller
class DuplicatesConsoleController {
  /** Pairs shown per list. */
  static final int PAGE = 50;
  private static final List<String> TABS = List.of("pending", "merged", "linked", "kept_apart", "split");

  private final IdentityReviews reviews;

  DuplicatesConsoleController(IdentityReviews reviews) {
    this.reviews = reviews;
  }

  /** One line of the side-by-side table: a field's value on each side, and whether they differ. */
  record Line(String field, String record, String candidate, boolean differs) {}

  /** One pair as the page shows it. */
  record Pair(String id, String type, String rule, String score, List<String> reasons, @Nullable String recordId,
      @Nullable String candidateId, List<Line> lines, @Nullable String decidedBy) {}

  @GetMapping("/console/duplicates")
  String page(@RequestParam(name = "status", defaultValue = "pending") String status, Model model,
      @AuthenticationPrincipal Member member) {
    String tab = TABS.contains(status) ? status : "pending";
    IdentityReviews.Status s = IdentityReviews.Status.valueOf(tab.toUpperCase(Locale.ROOT));
    boolean unmasked = member.may(Action.VIEW_PII);
    model.addAttribute("tab", tab);
    model.addAttribute("tabs", TABS);
    model.addAttribute("pairs", reviews.list(member.tenantId(), s, PAGE, null).stream()
        .map(i -> pair(i, unmasked)).toList());
    model.addAttribute("mayDecide", member.may(Action.MERGE));
    model.addAttribute("unmasked", unmasked);
    return "duplicates";
  }

  static Pair pair(IdentityReviews.Item i, boolean unmasked) {
    Map<String, Object> left = i.record() == null ? Map.of() : i.record().fields();
    Map<String, Object> right = i.candidate() == null ? Map.of() : i.candidate().fields();
    Set<String> fields = new TreeSet<>(left.keySet());
    fields.addAll(right.keySet());
    List<Line> lines = fields.stream().map(f -> new Line(f, show(left.get(f), unmasked), show(right.get(f), unmasked),
        !Masks.shown(left.get(f)).equals(Masks.shown(right.get(f))))).toList();
    return new Pair(i.id(), i.type(), i.rule(), String.format(Locale.ROOT, "%.2f", i.score()), i.reasons(),
        i.record() == null ? null : i.record().canonicalId(),
        i.candidate() == null ? null : i.candidate().canonicalId(), lines, i.decidedBy());
  }

  private static String show(@Nullable Object value, boolean unmasked) {
    return unmasked ? Masks.shown(value) : Masks.mask(value);
  }

  @PostMapping("/console/duplicates/{id}/merge")
  String merge(@PathVariable String id, @AuthenticationPrincipal Member member, RedirectAttributes redirect,
      Model model, HttpServletResponse response) {
    return decide(() -> reviews.merge(member.tenantId(), id, member.getUsername()), "Merged: one record now.",
        "pending", redirect, model, response);
  }

  @PostMapping("/console/duplicates/{id}/keep-apart")
  String keepApart(@PathVariable String id, @AuthenticationPrincipal Member member, RedirectAttributes redirect,
      Model model, HttpServletResponse response) {
    return decide(() -> reviews.keepApart(member.tenantId(), id, member.getUsername()),
        "Kept apart: the pair is not proposed again.", "pending", redirect, model, response);
  }

  @PostMapping("/console/duplicates/{id}/split")
  String split(@PathVariable String id, @RequestParam(name = "from", defaultValue = "merged") String from,
      @AuthenticationPrincipal Member member, RedirectAttributes redirect, Model model,
      HttpServletResponse response) {
    return decide(() -> reviews.split(member.tenantId(), id, member.getUsername()),
        "Split: two records again, kept apart from now on.", TABS.contains(from) ? from : "merged", redirect,
        model, response);
  }

  private static String decide(Supplier<IdentityReviews.Decided> decision, String done, String back,
      RedirectAttributes redirect, Model model, HttpServletResponse response) {
    try {
      IdentityReviews.Decided d = decision.get();
      redirect.addFlashAttribute("notice", done);
      redirect.addFlashAttribute("decided", d.id());
    } catch (RecordSplits.Refused e) {
      if (e.status() == HttpServletResponse.SC_NOT_FOUND) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("missing", true);
        return "duplicates";
      }
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/console/duplicates?status=" + back;
  }
}
