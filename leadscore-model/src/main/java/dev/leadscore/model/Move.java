package dev.leadscore.model;

import dev.leadscore.core.Lead;
import dev.leadscore.core.Tier;
import java.util.Locale;
import java.util.Objects;

/**
 * A change to one actionable feature that would lift a lead into a more urgent tier, found by
 * {@link ModelScorer#nextTierMove} and verified by re-scoring the changed lead with the real
 * extraction: "One more demo request would make this lead Hot".
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param feature the schema feature changed (an actionable one)
 * @param change the change in words, e.g. {@code "one more demo request"} or
 *     {@code "company size 500 instead of 120"}; no column names or coefficients
 * @param eventType for a change made of new events, their type; otherwise {@code null}
 * @param addedEvents how many events of {@code eventType} are added at {@code asOf} (each counting
 *     once, age 0), or 0 for a change of an attribute's value
 * @param changedLead the lead with the change applied, as it was re-scored
 * @param newScore the changed lead's 0–100 score
 * @param newTier the changed lead's tier, more urgent than the lead's current tier
 */
public record Move(String feature, String change, String eventType, int addedEvents, Lead changedLead, double newScore,
    Tier newTier) {
  /** @throws NullPointerException for a missing component (other than {@code eventType}) */
  public Move {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(changedLead, "changedLead");
    Objects.requireNonNull(newTier, "newTier");
  }

  /**
   * How big the change is, for ranking: the number of added events, or 1 for a value change.
   */
  public int effort() {
    return eventType == null ? 1 : addedEvents;
  }

  /**
   * The move as a rep reads it, e.g. {@code "One more demo request would make this lead Hot
   * (score 84)."} The score is shown rounded down, so it is never above the real one.
   */
  public String sentence() {
    String c = change.isEmpty() ? change : change.substring(0, 1).toUpperCase(Locale.ROOT) + change.substring(1);
    return c + " would make this lead " + newTier.label() + " (score " + (long) Math.floor(newScore) + ").";
  }
}
