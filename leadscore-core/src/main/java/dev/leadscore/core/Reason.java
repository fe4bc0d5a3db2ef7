package dev.leadscore.core;

import java.util.Objects;

/**
 * One feature's part in a score: how much it moved the score, and the sentence that says so.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param feature the schema feature (or rule) it comes from
 * @param family the feature's family ({@code behavioral}, {@code email}, {@code firmographic}, ...)
 * @param contribution signed amount in the explanation's {@linkplain Explanation#unit() unit}:
 *     log-odds for a learned model, points for the rule baseline; positive raises the score
 * @param text the plain-English sentence, rendered from the schema's templates with the lead's value
 * @param value the lead's value as displayed, or {@code null} when it had none
 */
public record Reason(String feature, String family, double contribution, String text, String value) {
  /** @throws IllegalArgumentException if the contribution is not finite, or a name or text is missing */
  public Reason {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(text, "text");
    if (!Double.isFinite(contribution)) {
      throw new IllegalArgumentException("reason '" + feature + "': contribution must be finite, got " + contribution);
    }
  }

  /** {@return whether this reason raises the score} */
  public boolean raisesScore() {
    return contribution > 0;
  }
}
