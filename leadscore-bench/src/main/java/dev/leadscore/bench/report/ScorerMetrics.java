package dev.leadscore.bench.report;

import dev.leadscore.core.TierCutoffs;
import dev.leadscore.model.eval.GainsPoint;
import dev.leadscore.model.eval.Interval;
import dev.leadscore.model.eval.LiftCapture;
import dev.leadscore.model.eval.Metrics;
import dev.leadscore.model.eval.ReliabilityTable;
import dev.leadscore.model.eval.TierTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The out-of-sample quality of one scorer (the rule baseline or the model) on one set of leads:
 * ranking (ROC AUC with a stratified bootstrap interval, average precision, lift and capture at
 * the top 10 % and 20 %, the cumulative gains curve), probability quality (Brier score, log loss,
 * expected calibration error and the reliability table on 10 equal-width bins) and the tier table.
 *
 * <p>Ranking metrics use {@link #scores()} (0–100), probability metrics {@link
 * #probabilities()}. Metrics that are undefined on the leads (ROC AUC and average precision when
 * only one class is present, lift without conversions) are {@code null} or NaN.
 *
 * <p>Immutable in practice: the arrays are copied in and must not be changed through the
 * accessors (they are returned as they are, for charts, without copying).
 */
public final class ScorerMetrics {
  /** The shares of the pipeline lift and capture are reported at. */
  public static final double[] LIFT_SHARES = {0.1, 0.2};
  /** Equal-width bins of the reliability table and ECE. */
  public static final int BINS = 10;

  private final String name;
  private final String description;
  private final double[] scores;
  private final double[] probabilities;
  private final boolean[] labels;
  private final TierCutoffs cutoffs;
  private final Interval auc;
  private final double averagePrecision;
  private final double logLoss;
  private final double brier;
  private final ReliabilityTable reliability;
  private final List<LiftCapture> lifts;
  private final List<GainsPoint> gains;
  private final TierTable tiers;

  private ScorerMetrics(String name, String description, double[] scores, double[] probabilities, boolean[] labels,
      TierCutoffs cutoffs, int resamples, long seed) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.scores = scores.clone();
    this.probabilities = probabilities.clone();
    this.labels = labels.clone();
    this.cutoffs = Objects.requireNonNull(cutoffs, "cutoffs");
    int positives = 0;
    for (boolean b : labels) {
      positives += b ? 1 : 0;
    }
    boolean both = positives > 0 && positives < labels.length;
    this.auc = both ? Metrics.rocAucInterval(scores, labels, resamples, 0.95, seed) : null;
    this.averagePrecision = positives > 0 ? Metrics.averagePrecision(scores, labels) : Double.NaN;
    this.logLoss = Metrics.logLoss(probabilities, labels);
    this.brier = Metrics.brierScore(probabilities, labels);
    this.reliability = Metrics.reliability(probabilities, labels, BINS);
    List<LiftCapture> l = new ArrayList<>();
    if (positives > 0) {
      for (double share : LIFT_SHARES) {
        l.add(Metrics.liftAt(scores, labels, share));
      }
    }
    this.lifts = List.copyOf(l);
    this.gains = positives > 0 ? Metrics.cumulativeGains(scores, labels) : List.of();
    this.tiers = Metrics.tierTable(scores, labels, cutoffs);
  }

  /**
   * Computes every metric.
   *
   * @param name short name, e.g. {@code "model"} or {@code "rules"}
   * @param description one line saying how the predictions were made
   * @param scores 0–100 ranking scores, one per lead
   * @param probabilities probabilities in [0, 1], one per lead
   * @param labels whether each lead converted
   * @param cutoffs the tier cut-offs on the 0–100 score
   * @param resamples bootstrap replicates for the AUC interval
   * @param seed bootstrap seed
   */
  public static ScorerMetrics of(String name, String description, double[] scores, double[] probabilities,
      boolean[] labels, TierCutoffs cutoffs, int resamples, long seed) {
    return new ScorerMetrics(name, description, scores, probabilities, labels, cutoffs, resamples, seed);
  }

  /** Short name: {@code "model"} or {@code "rules"}. */
  public String name() {
    return name;
  }

  /** How the predictions were made, in one line. */
  public String description() {
    return description;
  }

  /** The 0–100 scores (not copied). */
  public double[] scores() {
    return scores;
  }

  /** The probabilities (not copied). */
  public double[] probabilities() {
    return probabilities;
  }

  /** The labels (not copied). */
  public boolean[] labels() {
    return labels;
  }

  /** Number of leads. */
  public int size() {
    return labels.length;
  }

  /** The tier cut-offs. */
  public TierCutoffs cutoffs() {
    return cutoffs;
  }

  /** ROC AUC with its 95 % bootstrap interval, or null with one class only. */
  public Interval auc() {
    return auc;
  }

  /** Average precision (NaN without conversions). */
  public double averagePrecision() {
    return averagePrecision;
  }

  /** Log loss of the probabilities. */
  public double logLoss() {
    return logLoss;
  }

  /** Brier score of the probabilities. */
  public double brier() {
    return brier;
  }

  /** Expected calibration error on {@value #BINS} equal-width bins. */
  public double ece() {
    return reliability.expectedCalibrationError();
  }

  /** The reliability table. */
  public ReliabilityTable reliability() {
    return reliability;
  }

  /** Lift and capture at {@link #LIFT_SHARES}; empty without conversions. */
  public List<LiftCapture> lifts() {
    return lifts;
  }

  /** The cumulative gains curve; empty without conversions. */
  public List<GainsPoint> gains() {
    return gains;
  }

  /** The tier table under {@link #cutoffs()}. */
  public TierTable tiers() {
    return tiers;
  }

  /** Mean predicted probability. */
  public double meanProbability() {
    double s = 0;
    for (double p : probabilities) {
      s += p;
    }
    return s / probabilities.length;
  }

  /** Observed conversion rate. */
  public double conversionRate() {
    int c = 0;
    for (boolean b : labels) {
      c += b ? 1 : 0;
    }
    return (double) c / labels.length;
  }
}
