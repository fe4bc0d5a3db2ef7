package dev.leadscore.core.ops;

import java.util.Objects;

/**
 * One of an account's top reasons: a feature that raised the scores of the account's leads,
 * how much in total, and the sentence of the lead it raised most.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param feature the schema feature (or rule id) the reasons come from
 * @param family the feature's family, as in {@link dev.leadscore.core.Reason#family()}
 * @param contribution the sum over the account's leads of the feature's positive contributions,
 *     in {@code unit} (always {@code > 0})
 * @param unit the unit of the leads' explanations: log-odds for a model, points for rules
 * @param leads how many of the account's leads the feature raised
 * @param leadId the lead it raised most (ties: the smallest lead id)
 * @param text that lead's plain-English sentence for the feature
 */
public record AccountReason(String feature, String family, double contribution, String unit, int leads, String leadId,
    String text) {
  /**
   * @param feature the schema feature (or rule id) the reasons come from
   * @param family the feature's family, as in {@link dev.leadscore.core.Reason#family()}
   * @param contribution the sum over the account's leads of the feature's positive contributions, in {@code
   *     unit} (always {@code > 0})
   * @param unit the unit of the leads' explanations: log-odds for a model, points for rules
   * @param leads how many of the account's leads the feature raised
   * @param leadId the lead it raised most (ties: the smallest lead id)
   * @param text that lead's plain-English sentence for the feature
   * @throws NullPointerException if a name, the lead id or the text is null
   * @throws IllegalArgumentException if the contribution is not positive and finite, or {@code leads < 1}
   */
  public AccountReason {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(text, "text");
    if (!(contribution > 0 && contribution < Double.POSITIVE_INFINITY) || leads < 1) {
      throw new IllegalArgumentException("account reason '" + feature + "': needs a positive finite contribution and at "
          + "least one lead, got contribution=" + contribution + ", leads=" + leads);
    }
  }
}
