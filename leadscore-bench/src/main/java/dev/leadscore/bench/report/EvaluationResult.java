package dev.leadscore.bench.report;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.Score;
import dev.leadscore.explain.Importance;
import dev.leadscore.model.Move;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.eval.DataSufficiency;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one evaluation run found: the data, the protocol, the rule baseline and the model
 * side by side under cross-validation, the optional time-ordered back-test, the model trained on
 * all leads with its global importance and a few explained example leads.
 *
 * @param dataset what was evaluated
 * @param protocol how the out-of-sample predictions were made, in words
 * @param model the model's cross-validated predictions and metrics
 * @param rules the rule baseline's, or null when no rule set was given
 * @param backTest the time-ordered back-test, or null when no order was named
 * @param finalModel the model trained on all leads (what {@code train} would write)
 * @param importance mean |SHAP| per feature of the final model over all leads, largest first
 * @param examples explained leads, one per tier that has leads among Hot, Nurture and Suppress
 * @param sufficiency the data-sufficiency check on the extracted training matrix
 * @param oracleAuc the ROC AUC of the true probabilities (synthetic data only), or null
 * @param seconds wall time of the evaluation
 */
public record EvaluationResult(Dataset dataset, String protocol, ScorerMetrics model, ScorerMetrics rules,
    BackTestOutcome backTest, TrainedModel finalModel, List<Importance> importance, List<Example> examples,
    DataSufficiency sufficiency, Double oracleAuc, double seconds) {

  /** Whether a rule baseline was evaluated. */
  public boolean hasRules() {
    return rules != null;
  }

  /**
   * What was evaluated.
   *
   * @param name a display name (the file name, or "synthetic pipeline ...")
   * @param rowsRead data rows in the input, good or bad
   * @param rejected rows reported as errors and left out
   * @param leads leads evaluated
   * @param positives converted leads among them
   * @param asOf the instant features were extracted at
   * @param schemaName the feature schema's name
   * @param schemaVersion its version
   * @param schemaFingerprint its fingerprint
   * @param features declared features
   * @param columns extracted columns of the final model's fitted schema
   * @param rulesName the rule set's name and version, or null
   * @param timeDependent whether the schema has event features, so that {@code asOf} matters
   */
  public record Dataset(String name, int rowsRead, int rejected, int leads, int positives, Instant asOf,
      String schemaName, int schemaVersion, String schemaFingerprint, int features, int columns, String rulesName,
      boolean timeDependent) {
    /** "as of <instant>" when features depend on time, else says that none do. */
    public String asOfText() {
      return timeDependent ? "features extracted as of " + asOf : "no time-dependent features";
    }

    /** The conversion rate. */
    public double conversionRate() {
      return leads == 0 ? Double.NaN : (double) positives / leads;
    }
  }

  /**
   * The time-ordered back-test: trained on the earlier leads, scored on the later ones.
   *
   * @param split how the leads were split, in words
   * @param trainRows leads trained on
   * @param testRows leads scored
   * @param model the model's metrics on the later leads
   * @param rules the rule baseline's, or null
   * @param crossValidatedAuc the random-fold AUC of the model on the earlier leads, for comparison
   * @param lambda the penalty the back-test model chose on the earlier leads
   * @param foldScheme how it was chosen ({@code FORWARD_CHAINING} or {@code STRATIFIED}), or null
   * @param warnings the back-test training's warnings
   */
  public record BackTestOutcome(String split, int trainRows, int testRows, ScorerMetrics model, ScorerMetrics rules,
      double crossValidatedAuc, double lambda, String foldScheme, List<String> warnings) {
    /** Without the back-test model's lambda, fold scheme and warnings (NaN, null, none). */
    public BackTestOutcome(String split, int trainRows, int testRows, ScorerMetrics model, ScorerMetrics rules,
        double crossValidatedAuc) {
      this(split, trainRows, testRows, model, rules, crossValidatedAuc, Double.NaN, null, List.of());
    }

    public BackTestOutcome {
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * {@code |observed − predicted| / predicted} of the model's mean probability against the
     * conversion rate on the later leads (NaN when nothing was predicted).
     *
     * @return the relative gap
     */
    public double relativeGap() {
      double p = model.meanProbability();
      return p > 0 ? Math.abs(model.conversionRate() - p) / p : Double.NaN;
    }

    /**
     * Whether the gap exceeds {@link dev.leadscore.model.monitor.Monitor#OUTCOME_GAP} (20 %), the
     * practitioners' threshold for retraining.
     *
     * @return true when flagged
     */
    public boolean gapFlagged() {
      return relativeGap() > dev.leadscore.model.monitor.Monitor.OUTCOME_GAP;
    }
  }

  /**
   * One explained lead, scored by the final model.
   *
   * @param score the score with its explanation in log-odds
   * @param points the same explanation in percentage points of probability
   * @param move the smallest single change that lifts the lead a tier, if any
   * @param converted whether the lead converted
   */
  public record Example(Score score, Explanation points, Optional<Move> move, boolean converted) {}
}
