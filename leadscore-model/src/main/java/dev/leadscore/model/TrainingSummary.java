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

  /** How lambda was chosen. */
  public SelectionMetric selectionMetric() {
    return selectionMetric;
  }

  /** One entry per lambda of the grid, ascending (unmodifiable). */
  public List<LambdaScore> crossValidation() {
    return crossValidation;
  }

  /** The chosen lambda. */
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

  /** The out-of-fold predictions, present right after training, absent in a loaded model. */
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

    /** Whether each lead converted. */
    public boolean[] labels() {
      return heldOut.labels();
    }

    /** The 0-based fold each lead was held out in. */
    public int[] folds() {
      return folds.clone();
    }

    /** Number of leads. */
    public int size() {
      return heldOut.size();
    }
  }
}
