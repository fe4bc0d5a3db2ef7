package dev.leadscore.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What training found: the data's size, the cross-validation table per lambda, the chosen
 * lambda, the final fit's convergence, and the out-of-fold quality of the calibrated model (the
 * honest estimate of how it scores leads it has not seen). The out-of-fold predictions themselves
 * are kept in memory after training ({@link #outOfFold()}) but not written to the artifact, so a
 * loaded model's summary has none.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class TrainingSummary {
  private final int rows;
  private final int positives;
  private final int folds;
  private final SelectionMetric selectionMetric;
  private final List<LambdaScore> crossValidation;
  private final double chosenLambda;
  private final int iterations;
  private final double maxGradient;
  private final double oofAuc;
  private final double oofLogLoss;
  private final double oofBrier;
  private final OutOfFold outOfFold;
  private final FoldScheme foldScheme;
  private final List<String> warnings;

  /**
   * One lambda's cross-validation result, from the pooled out-of-fold predictions of the
   * uncalibrated model.
   *
   * @param lambda the penalty
   * @param logLoss pooled out-of-fold log loss
   * @param auc pooled out-of-fold ROC AUC
   * @param brier pooled out-of-fold Brier score
   * @param iterations Newton iterations summed over the folds
   */
  public record LambdaScore(double lambda, double logLoss, double auc, double brier, int iterations) {}

  TrainingSummary(int rows, int positives, int folds, SelectionMetric selectionMetric, List<LambdaScore> crossValidation,
      double chosenLambda, int iterations, double maxGradient, double oofAuc, double oofLogLoss, double oofBrier,
      OutOfFold outOfFold) {
    this(rows, positives, folds, selectionMetric, crossValidation, chosenLambda, iterations, maxGradient, oofAuc,
        oofLogLoss, oofBrier, outOfFold, null, List.of());
  }

  /** As above, with how lambda was validated (null when unknown) and the training's warnings. */
  TrainingSummary(int rows, int positives, int folds, SelectionMetric selectionMetric, List<LambdaScore> crossValidation,
      double chosenLambda, int iterations, double maxGradient, double oofAuc, double oofLogLoss, double oofBrier,
      OutOfFold outOfFold, FoldScheme foldScheme, List<String> warnings) {
    this.rows = rows;
    this.positives = positives;
    this.folds = folds;
    this.selectionMetric = Objects.requireNonNull(selectionMetric, "selectionMetric");
    this.crossValidation = List.copyOf(crossValidation);
    this.chosenLambda = chosenLambda;
    this.iterations = iterations;
    this.maxGradient = maxGradient;
    this.oofAuc = oofAuc;
    this.oofLogLoss = oofLogLoss;
    this.oofBrier = oofBrier;
    this.outOfFold = outOfFold;
    this.foldScheme = foldScheme;
    this.warnings = List.copyOf(warnings);
  }

  /** Training rows. */
  public int rows() {
    return rows;
  }

  /** Converted training rows. */
  public int positives() {
    return positives;
  }

  /** Cross-validation folds. */
  public int folds() {
    return folds;
  }

  /** {@return how lambda was chosen} */
  public SelectionMetric selectionMetric() {
    return selectionMetric;
  }

  /** One entry per lambda of the grid, ascending (unmodifiable). */
  public List<LambdaScore> crossValidation() {
    return crossValidation;
  }

  /** {@return the chosen lambda} */
  public double chosenLambda() {
    return chosenLambda;
  }

  /** Newton iterations of the final fit on all rows. */
  public int iterations() {
    return iterations;
  }

  /** {@code max |gradient| / n} at the final fit's optimum. */
  public double maxGradient() {
    return maxGradient;
  }

  /** ROC AUC of the calibrated out-of-fold probabilities. */
  public double oofAuc() {
    return oofAuc;
  }

  /** Log loss of the calibrated out-of-fold probabilities. */
  public double oofLogLoss() {
    return oofLogLoss;
  }

  /** Brier score of the calibrated out-of-fold probabilities. */
  public double oofBrier() {
    return oofBrier;
  }

  /**
   * How lambda was validated: {@link FoldScheme#FORWARD_CHAINING} when asked for and possible.
   * Present right after training, absent in a loaded model (the artifact does not record it).
   *
   * @return the fold scheme of the lambda choice, when known
   */
  public Optional<FoldScheme> foldScheme() {
    return Optional.ofNullable(foldScheme);
  }

  /**
   * What the trainer wants a person to know (too few conversions for the folds, forward chaining
   * impossible, ...), in plain English; empty when all went as asked. Not recorded in the artifact.
   *
   * @return the warnings, immutable
   */
  public List<String> warnings() {
    return warnings;
  }

  /** {@return the out-of-fold predictions, present right after training, absent in a loaded model} */
  public Optional<OutOfFold> outOfFold() {
    return Optional.ofNullable(outOfFold);
  }

  /**
   * The out-of-fold predictions of the chosen lambda, one per training lead in the given order:
   * each lead was predicted by the model of the one fold that did not train on it. Accessors
   * return copies. Immutable and safe to share between threads.
   */
  public static final class OutOfFold {
    private final HeldOut heldOut;
    private final int[] folds;
    private final List<List<String>> pairsByFold;

    OutOfFold(HeldOut heldOut, int[] folds) {
      this(heldOut, folds, List.of());
    }

    OutOfFold(HeldOut heldOut, int[] folds, List<List<String>> pairsByFold) {
      this.heldOut = heldOut;
      this.folds = folds.clone();
      this.pairsByFold = pairsByFold.stream().map(List::copyOf).toList();
    }

    /**
     * Per fold, the pairwise products chosen on that fold's training leads (each {@code "left x
     * right"} by column names); empty when automatic pairs were off.
     */
    public List<List<String>> pairsByFold() {
      return pairsByFold;
    }

    /** Uncalibrated logits. */
    public double[] logits() {
      return heldOut.logits();
    }

    /** Calibrated probabilities. */
    public double[] probabilities() {
      return heldOut.probabilities();
    }

    /** Scores 0–100 ({@code 100 * probability}), what the tier cut-offs were fitted on. */
    public double[] scores() {
      return heldOut.scores();
    }

    /** {@return whether each lead converted} */
    public boolean[] labels() {
      return heldOut.labels();
    }

    /** {@return the 0-based fold each lead was held out in} */
    public int[] folds() {
      return folds.clone();
    }

    /** {@return number of leads} */
    public int size() {
      return heldOut.size();
    }
  }
}
