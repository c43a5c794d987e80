package dev.switchboard.app.identity;

/**
 * A tenant's thresholds: a score at or above {@code autoLink} (with no strong-key conflict) links automatically, one at
 * or above {@code review} goes to the review queue, anything lower is a new record. Defaults are seed 2's: 0.9 and
 * 0.75.
 */
public record Thresholds(double autoLink, double review) {
  public static final Thresholds DEFAULT = new Thresholds(0.9, 0.75);
  /** Below this nothing the rules produce is evidence of anything: a review threshold lower would flood the queue. */
  public static final double MIN_REVIEW = 0.5;

  /** @throws IllegalArgumentException unless {@code MIN_REVIEW ≤ review ≤ autoLink ≤ 1} */
  public Thresholds {
    if (!(review >= MIN_REVIEW && review <= autoLink && autoLink <= 1.0)) {
      throw new IllegalArgumentException("thresholds must satisfy 0.5 <= review <= auto_link <= 1");
    }
  }
}
