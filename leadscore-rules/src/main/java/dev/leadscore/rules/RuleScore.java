package dev.leadscore.rules;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.Score;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule baseline's full verdict on one lead: the {@link Score} every scorer gives, plus the raw
 * points behind it and the two sub-scores, fit (firmographic rules: who the lead is) and intent
 * (behavioural and email rules: what the lead does).
 *
 * <p>Units: {@code points}, {@code fitPoints} and {@code intentPoints} are raw points (exact: the
 * explanation's contributions add up to them bit for bit); {@code fitScore} and
 * {@code intentScore} are on the 0–100 scale, normalised between the least and the most points
 * the fit (or intent) rules can give, see {@link RuleScorer#fitRange()}. Rules on features of
 * other families count in the total only.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param score probability (= score / 100, not calibrated), 0–100 score, tier and, when asked
 *     for, the explanation
 * @param points raw points: the rule set's base plus every rule's points
 * @param fitPoints the fit rules' points (no base)
 * @param intentPoints the intent rules' points (no base)
 * @param fitScore fit on 0–100
 * @param intentScore intent on 0–100
 */
public record RuleScore(Score score, double points, double fitPoints, double intentPoints, double fitScore,
    double intentScore) {

  /**
   * Checks the score is present.
   *
   * @param score the score every scorer gives
   * @param points raw points, base included
   * @param fitPoints the fit rules' points
   * @param intentPoints the intent rules' points
   * @param fitScore fit on 0–100
   * @param intentScore intent on 0–100
   * @throws NullPointerException if {@code score} is null
   */
  public RuleScore {
    Objects.requireNonNull(score, "score");
  }

  /** {@return the explanation, when the caller asked for it} */
  public Optional<Explanation> explanation() {
    return score.explanation();
  }
}
