package dev.leadscore.explain;

import java.util.Objects;

/**
 * How much one feature moves scores over a data set: the mean absolute SHAP value
 * {@code (1/n) Σ_i |φ_feature(lead_i)|}, in log-odds, from {@link LinearShap#importance}. Unlike a
 * weight it is in the units of the score and counts how the feature actually varies across leads,
 * so the features of a schema can be ranked by it.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param feature the schema feature
 * @param family its family
 * @param meanAbsContribution mean {@code |φ|} over the data set, log-odds, {@code >= 0}
 * @param meanContribution mean signed {@code φ} (0 up to rounding when the data set is the background)
 */
public record Importance(String feature, String family, double meanAbsContribution, double meanContribution) {
  /**
   * Checks the names.
   *
   * @param feature the schema feature
   * @param family its family
   * @param meanAbsContribution mean {@code |φ|} over the data set, log-odds, {@code >= 0}
   * @param meanContribution mean signed {@code φ}
   * @throws NullPointerException for a missing name
   */
  public Importance {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(family, "family");
  }
}
