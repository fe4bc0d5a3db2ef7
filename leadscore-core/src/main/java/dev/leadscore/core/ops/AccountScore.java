package dev.leadscore.core.ops;

import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import java.util.List;
import java.util.Objects;

/**
 * One account (a company, by domain or account id) rolled up from its scored leads by {@link
 * AccountRollup}: how likely the account is to convert, its best lead, how many contacts are
 * engaged, its tier and the reasons drawn from its leads' explanations.
 *
 * <p><b>Probability</b> that at least one of the account's {@code n} leads converts, {@code 1 −
 * Π(1 − pᵢ)} over the leads' {@link Score#probability()}, computed as {@code −expm1(Σ
 * log1p(−pᵢ))} (summed in lead-id order, so the value does not depend on input order) and
 * clamped to {@code [max pᵢ, 1]}, which the exact value always lies in. This <em>assumes the
 * leads convert independently</em>; contacts at one company usually do not (they share a budget
 * and a decision), so read it as an upper bound that grows with the number of contacts, useful
 * for ranking accounts rather than as a calibrated probability. When the scores come from the
 * rule baseline, {@code pᵢ} is the rule score / 100, not a probability, and neither is this.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class AccountScore {
  private final String key;
  private final double probability;
  private final Tier tier;
  private final List<Score> leadScores;
  private final int engagedContacts;
  private final List<AccountReason> topReasons;

  AccountScore(String key, double probability, Tier tier, List<Score> leadScores, int engagedContacts,
      List<AccountReason> topReasons) {
    this.key = Objects.requireNonNull(key, "key");
    this.probability = probability;
    this.tier = Objects.requireNonNull(tier, "tier");
    this.leadScores = List.copyOf(leadScores);
    this.engagedContacts = engagedContacts;
    this.topReasons = List.copyOf(topReasons);
  }

  /** {@return the account key: the normalised domain or account id the leads were grouped by} */
  public String key() {
    return key;
  }

  /** {@return how many leads the account has (at least 1)} */
  public int leadCount() {
    return leadScores.size();
  }

  /** {@return the probability that at least one lead converts, in [0, 1], assuming independence (see above)} */
  public double probability() {
    return probability;
  }

  /**
   * {@code 100 × probability()}, the 0–100 score the account's tier is cut on.
   *
   * @return the account's score, 0–100
   */
  public double score() {
    return 100.0 * probability;
  }

  /** {@return the account's tier: the rollup's cut-offs applied to {@link #score()}} */
  public Tier tier() {
    return tier;
  }

  /** {@return the lead with the highest probability (ties: higher score, then smaller lead id)} */
  public Score bestLead() {
    return leadScores.get(0);
  }

  /**
   * The account's lead scores, best first: by probability descending, then score descending, then
   * lead id (unmodifiable).
   *
   * @return the lead scores, best first
   */
  public List<Score> leadScores() {
    return leadScores;
  }

  /** {@return how many leads are in an engaged tier (by default {@link Tier#HOT} or {@link Tier#WARM})} */
  public int engagedContacts() {
    return engagedContacts;
  }

  /**
   * Up to three features that raised the account's leads the most, largest summed positive
   * contribution first, ties by feature name; empty when no lead was scored with an explanation
   * or no feature raised any lead (unmodifiable). See {@link AccountRollup} for the aggregation.
   *
   * @return at most three reasons, strongest first
   */
  public List<AccountReason> topReasons() {
    return topReasons;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountScore a && key.equals(a.key) && Double.compare(probability, a.probability) == 0
        && tier == a.tier && leadScores.equals(a.leadScores) && engagedContacts == a.engagedContacts
        && topReasons.equals(a.topReasons);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, probability, tier, leadScores, engagedContacts, topReasons);
  }

  @Override
  public String toString() {
    return "AccountScore[" + key + ", " + leadCount() + " leads, p=" + probability + ", " + tier + ", best="
        + bestLead().leadId() + ", engaged=" + engagedContacts + ", reasons="
        + topReasons.stream().map(AccountReason::feature).toList() + "]";
  }
}
