package dev.leadscore.model.eval;

import dev.leadscore.core.TierCutoffs;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Evaluation metrics for a lead-scoring model: ranking quality (ROC AUC with a bootstrap
 * interval, average precision, lift and capture, the cumulative gains curve, precision and recall
 * at a cut-off), probability quality (log loss, Brier score, expected calibration error and the
 * reliability table), and the tier table.
 *
 * <p><b>Inputs.</b> Every function takes one value per lead — a score (any real number, only the
 * order matters; logits, probabilities and 0–100 scores all work) or a probability (in [0, 1])
 * — and a {@code boolean} label per lead, {@code true} when the lead converted. Functions that
 * take {@code weights} accept {@code null} for unit weights, or one finite non-negative weight
 * per lead with a positive total; ranking and pipeline-share metrics (lift, gains, precision and
 * recall at a cut-off, the tier table) count leads and take no weights. Arguments are never
 * modified.
 *
 * <p><b>Errors.</b> A null array is a {@link NullPointerException}; empty input, arrays of
 * different lengths, a NaN score, a probability outside [0, 1], a negative or non-finite weight,
 * a zero total weight, or a metric that is undefined on the data (AUC with one class only,
 * average precision or capture with no conversions) is an {@link IllegalArgumentException} whose
 * message names the argument, the rule and the offending value or index. Results that are
 * undefined for only part of a table (an empty bin's observed rate) are NaN, as each record
 * documents.
 *
 * <p>Definitions follow scikit-learn 1.2 wherever it has the metric, and the tests compare with
 * it: {@code roc_auc_score}, {@code average_precision_score}, {@code log_loss}, {@code
 * brier_score_loss}, {@code calibration_curve}.
 *
 * <p>Stateless and thread-safe; the bootstrap takes an explicit seed, so every function is
 * deterministic.
 */
public final class Metrics {
  private Metrics() {}

  /**
   * Probabilities are clipped to {@code [1e-15, 1 − 1e-15]} before taking logs in {@link
   * #logLoss}, scikit-learn's long-standing default (1.2 switched its default to the float64
   * machine epsilon, 2.2e-16; pass {@code eps=1e-15} to compare). A confident miss therefore
   * costs at most {@code −ln(1e-15) ≈ 34.5} rather than infinity.
   */
  public static final double LOG_LOSS_EPSILON = 1e-15;

  /** The number of equal-width bins used by the expected calibration error unless told. */
  public static final int DEFAULT_BINS = 10;

  /**
   * Shares such as {@code 0.1 + 0.2} are forgiven this relative excess when turned into a count
   * of leads by {@code ceil(share·n)}, so that 30 % of 10 leads is 3 leads, not 4.
   */
  static final double CEIL_RELATIVE_TOLERANCE = 1e-12;

  // ------------------------------------------------------------------------------ ROC AUC

  /**
   * The exact area under the ROC curve: the probability that a randomly chosen converted lead
   * scores higher than a randomly chosen non-converted one, ties counting one half. Equal to
   * scikit-learn's {@code roc_auc_score}.
   *
   * <p>Algorithm: the scores of each class are sorted and swept together (rank method); all
   * counts are integers, so the result is the exact ratio rounded once. O(n log n) time, O(n)
   * extra memory.
   *
   * @throws IllegalArgumentException if the input is invalid (see the class comment) or has only
   *     one class, for which AUC is undefined
   */
  public static double rocAuc(double[] scores, boolean[] labels) {
    Inputs.scores("scores", scores, labels);
    requireBothClasses(labels, "ROC AUC");
    return Ranking.aucUnweighted(scores, labels);
  }

  /**
   * The weighted ROC AUC: {@code Σ wᵢ·wⱼ·([sᵢ > sⱼ] + ½[sᵢ = sⱼ]) / (W₊·W₋)} over converted
   * {@code i} and non-converted {@code j}, as scikit-learn's {@code roc_auc_score(...,
   * sample_weight=w)}. With {@code weights == null} it is {@link #rocAuc(double[], boolean[])}.
   * O(n log n) time (one stable index sort, then one pass over tie groups).
   *
   * @throws IllegalArgumentException if the input is invalid or a class has zero total weight
   */
  public static double rocAuc(double[] scores, boolean[] labels, double[] weights) {
    if (weights == null) {
      return rocAuc(scores, labels);
    }
    Inputs.scores("scores", scores, labels);
    Inputs.weights(weights, scores.length);
    double auc = Ranking.aucSorted(Ranking.ascending(scores), scores, labels, weights);
    if (Double.isNaN(auc)) {
      throw new IllegalArgumentException("ROC AUC is undefined: one class has zero total weight ("
          + classWeights(labels, weights) + ")");
    }
    return auc;
  }

  /**
   * ROC AUC with a stratified percentile-bootstrap confidence interval.
   *
   * <p><b>Resampling.</b> Each of {@code resamples} replicates draws, with replacement and
   * uniformly, exactly as many converted leads from the converted ones and as many non-converted
   * leads from the others as the data holds (stratified, as pROC does by default), so that every
   * replicate has both classes and a defined AUC. Draws come from one {@link SplittableRandom}
   * seeded with {@code seed}: for each replicate, first the converted draws, then the others.
   * With weights, a drawn lead counts with its weight (leads of zero weight are never drawn).
   *
   * <p><b>Interval.</b> The estimate is the AUC on the full data; the bounds are the {@code (1 −
   * level)/2} and {@code (1 + level)/2} quantiles of the replicate AUCs, each linearly
   * interpolated between order statistics at position {@code q·(resamples − 1)} (numpy's default
   * percentile).
   *
   * <p>Cost: one O(n log n) sort, then O(n) per replicate (the replicate is a vector of draw
   * counts over the once-sorted leads): O(n log n + resamples·n) time, O(n + resamples) memory.
   * 1,000 replicates of 100,000 leads take about a second. Deterministic for a given seed.
   *
   * @param scores one score per lead
   * @param labels whether each lead converted
   * @param weights sample weights, or null
   * @param resamples the number of bootstrap replicates, at least 1 (1,000 or more advised)
   * @param level the confidence level, in (0, 1), e.g. 0.95
   * @param seed the random seed
   * @throws IllegalArgumentException if the input is invalid, has only one class, {@code
   *     resamples < 1} or {@code level} is not in (0, 1)
   */
  public static Interval rocAucInterval(double[] scores, boolean[] labels, double[] weights, int resamples,
      double level, long seed) {
    Inputs.scores("scores", scores, labels);
    Inputs.weights(weights, scores.length);
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be at least 1, got resamples=" + resamples);
    }
    if (!(level > 0.0 && level < 1.0)) {
      throw new IllegalArgumentException("level must be in (0, 1), got level=" + level);
    }
    double estimate = rocAuc(scores, labels, weights);
    return AucBootstrap.interval(scores, labels, weights, resamples, level, seed, estimate);
  }

  /** {@link #rocAucInterval(double[], boolean[], double[], int, double, long)} without weights. */
  public static Interval rocAucInterval(double[] scores, boolean[] labels, int resamples, double level, long seed) {
    return rocAucInterval(scores, labels, null, resamples, level, seed);
  }

  // ------------------------------------------------------------------------ average precision

  /** {@link #averagePrecision(double[], boolean[], double[])} with unit weights. */
  public static double averagePrecision(double[] scores, boolean[] labels) {
    return averagePrecision(scores, labels, null);
  }

  /**
   * Average precision, as scikit-learn's {@code average_precision_score}: the step-wise area
   * under the precision–recall curve, {@code AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ}, where {@code k} runs over
   * the distinct scores from highest to lowest, {@code Pₖ} and {@code Rₖ} are the (weighted)
   * precision and recall of flagging every lead scoring at least the k-th distinct score (tied
   * leads are flagged together), and {@code R₀ = 0}. No interpolation. O(n log n).
   *
   * @throws IllegalArgumentException if the input is invalid or no lead converted (positive
   *     weight), where AP is undefined (scikit-learn warns and returns 0)
   */
  public static double averagePrecision(double[] scores, boolean[] labels, double[] weights) {
    Inputs.scores("scores", scores, labels);
    Inputs.weights(weights, scores.length);
    int[] order = Ranking.descending(scores);
    double positives = 0.0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i]) {
        positives += Inputs.weight(weights, i);
      }
    }
    if (!(positives > 0.0)) {
      throw new IllegalArgumentException("average precision is undefined when no lead converted ("
          + classWeights(labels, weights) + ")");
    }
    double tp = 0.0;
    double fp = 0.0;
    double prevRecall = 0.0;
    double ap = 0.0;
    int n = order.length;
    int j = 0;
    while (j < n) {
      double v = scores[order[j]];
      while (j < n && scores[order[j]] == v) {
        int i = order[j];
        if (labels[i]) {
          tp += Inputs.weight(weights, i);
        } else {
          fp += Inputs.weight(weights, i);
        }
        j++;
      }
      double recall = tp / positives;
      if (recall != prevRecall) {
        ap += (recall - prevRecall) * (tp / (tp + fp));
        prevRecall = recall;
      }
    }
    return ap;
  }

  // ------------------------------------------------------------------------ probability quality

  /** {@link #logLoss(double[], boolean[], double[])} with unit weights. */
  public static double logLoss(double[] probabilities, boolean[] labels) {
    return logLoss(probabilities, labels, null);
  }

  /**
   * Mean (weighted) negative log-likelihood, in nats: {@code −Σ wᵢ·[yᵢ·ln pᵢ + (1 − yᵢ)·ln(1 −
   * pᵢ)] / Σ wᵢ}, with each {@code pᵢ} first clipped to {@code [LOG_LOSS_EPSILON, 1 −
   * LOG_LOSS_EPSILON]}. As scikit-learn's {@code log_loss(eps=1e-15)}. Lower is better; a
   * constant prediction of the base rate scores the entropy of the base rate. O(n).
   *
   * @throws IllegalArgumentException if the input is invalid
   */
  public static double logLoss(double[] probabilities, boolean[] labels, double[] weights) {
    Inputs.probabilities("probabilities", probabilities, labels);
    double total = Inputs.weights(weights, probabilities.length);
    double sum = 0.0;
    for (int i = 0; i < probabilities.length; i++) {
      double p = Math.max(LOG_LOSS_EPSILON, Math.min(1.0 - LOG_LOSS_EPSILON, probabilities[i]));
      double loss = labels[i] ? -Math.log(p) : -Math.log1p(-p);
      sum += Inputs.weight(weights, i) * loss;
    }
    return sum / total;
  }

  /** {@link #brierScore(double[], boolean[], double[])} with unit weights. */
  public static double brierScore(double[] probabilities, boolean[] labels) {
    return brierScore(probabilities, labels, null);
  }

  /**
   * The Brier score: the (weighted) mean squared difference between the probability and the
   * outcome (1 converted, 0 not), as scikit-learn's {@code brier_score_loss}. In [0, 1], lower is
   * better. O(n).
   *
   * @throws IllegalArgumentException if the input is invalid
   */
  public static double brierScore(double[] probabilities, boolean[] labels, double[] weights) {
    Inputs.probabilities("probabilities", probabilities, labels);
    double total = Inputs.weights(weights, probabilities.length);
    double sum = 0.0;
    for (int i = 0; i < probabilities.length; i++) {
      double d = probabilities[i] - (labels[i] ? 1.0 : 0.0);
      sum += Inputs.weight(weights, i) * d * d;
    }
    return sum / total;
  }

  /**
   * Expected calibration error on {@value #DEFAULT_BINS} equal-width bins, unweighted; see
   * {@link #expectedCalibrationError(double[], boolean[], double[], int)}.
   */
  public static double expectedCalibrationError(double[] probabilities, boolean[] labels) {
    return reliability(probabilities, labels, null, DEFAULT_BINS).expectedCalibrationError();
  }

  /**
   * Expected calibration error: {@code Σ_b (W_b / W)·|mean predicted_b − observed rate_b|} over
   * the non-empty bins of {@link #reliability} — each bin's gap between predicted and observed
   * conversion, weighted by its share of the leads. With {@code bins = 10} and no weights this is
   * the figure computed from scikit-learn's {@code calibration_curve(n_bins=10,
   * strategy='uniform')} weighted by bin counts. O(n log bins).
   *
   * @throws IllegalArgumentException if the input is invalid or {@code bins < 1}
   */
  public static double expectedCalibrationError(double[] probabilities, boolean[] labels, double[] weights,
      int bins) {
    return reliability(probabilities, labels, weights, bins).expectedCalibrationError();
  }

  /** {@link #reliability(double[], boolean[], double[], int)} with unit weights. */
  public static ReliabilityTable reliability(double[] probabilities, boolean[] labels, int bins) {
    return reliability(probabilities, labels, null, bins);
  }

  /**
   * The reliability table: probabilities grouped into {@code bins} equal-width bins on [0, 1]
   * (edges and edge handling as {@link ReliabilityTable} describes, identical to scikit-learn's
   * {@code calibration_curve(strategy='uniform')}), with each bin's count, weight, weighted mean
   * prediction and weighted observed conversion rate. O(n log bins) time, O(bins) memory.
   *
   * @throws IllegalArgumentException if the input is invalid or {@code bins < 1}
   */
  public static ReliabilityTable reliability(double[] probabilities, boolean[] labels, double[] weights,
      int bins) {
    Inputs.probabilities("probabilities", probabilities, labels);
    Inputs.weights(weights, probabilities.length);
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, got bins=" + bins);
    }
    return ReliabilityTable.of(probabilities, labels, weights, bins);
  }

  // ------------------------------------------------------------------------ pipeline shares

  /**
   * Lift and capture of the top {@code topShare} of the pipeline by score.
   *
   * <p><b>Definition.</b> With n leads, take {@code k = ceil(topShare·n)} leads (at least 1; a
   * relative excess of 1e-12 in {@code topShare·n} is forgiven, so 30 % of 10 is 3). Sort scores
   * descending and let {@code s} be the k-th highest. Leads scoring above {@code s} are all in;
   * leads tied at {@code s} fill the remaining places, and since no order among them is better
   * than another, they are credited fractionally: the top set holds {@code conversions = C_above
   * + (k − n_above)·C_tied / n_tied} conversions, the expected number under a random order of the
   * tied leads. The result therefore does not depend on the input order. Capture is {@code
   * conversions / C}, conversion rate {@code conversions / k}, and lift {@code (conversions / k) /
   * (C / n)}, where C is all conversions.
   *
   * <p>O(n log n) time for the sort, O(n) memory.
   *
   * @param topShare the share of the pipeline to take, in (0, 1]
   * @throws IllegalArgumentException if the input is invalid, {@code topShare} is not in (0, 1],
   *     or no lead converted (capture and lift are undefined)
   */
  public static LiftCapture liftAt(double[] scores, boolean[] labels, double topShare) {
    Inputs.scores("scores", scores, labels);
    if (!(topShare > 0.0 && topShare <= 1.0)) {
      throw new IllegalArgumentException("topShare must be in (0, 1], got topShare=" + topShare);
    }
    int n = scores.length;
    int positives = Inputs.count(labels, true);
    if (positives == 0) {
      throw new IllegalArgumentException("lift and capture are undefined when no lead converted (0 of " + n + ")");
    }
    int k = (int) Math.min(n, Math.max(1.0, Math.ceil(topShare * n * (1.0 - CEIL_RELATIVE_TOLERANCE))));
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = scores[i] + 0.0;
    }
    Arrays.sort(sorted);
    double boundary = sorted[n - k];
    int above = 0;
    int tied = 0;
    int convAbove = 0;
    int convTied = 0;
    for (int i = 0; i < n; i++) {
      if (scores[i] > boundary) {
        above++;
        convAbove += labels[i] ? 1 : 0;
      } else if (scores[i] == boundary) {
        tied++;
        convTied += labels[i] ? 1 : 0;
      }
    }
    double conversions = convAbove + (double) (k - above) * convTied / tied;
    double rate = conversions / k;
    double capture = conversions / positives;
    double lift = rate / ((double) positives / n);
    return new LiftCapture(topShare, k, conversions, rate, capture, lift);
  }

  /**
   * The cumulative gains curve: working the pipeline from the highest score down, the share of
   * leads reached against the share of conversions captured. The first point is (0, 0) with
   * threshold {@code +Infinity}; then one point per distinct score, from highest to lowest,
   * counting every lead at or above it (tied leads enter together, and the curve is read as
   * linear between points); the last point is (1, 1). O(n log n).
   *
   * @throws IllegalArgumentException if the input is invalid or no lead converted
   */
  public static List<GainsPoint> cumulativeGains(double[] scores, boolean[] labels) {
    Inputs.scores("scores", scores, labels);
    int n = scores.length;
    int positives = Inputs.count(labels, true);
    if (positives == 0) {
      throw new IllegalArgumentException("the gains curve is undefined when no lead converted (0 of " + n + ")");
    }
    int[] order = Ranking.descending(scores);
    List<GainsPoint> points = new ArrayList<>();
    points.add(new GainsPoint(Double.POSITIVE_INFINITY, 0, 0.0, 0, 0.0));
    int leads = 0;
    int conv = 0;
    int j = 0;
    while (j < n) {
      double v = scores[order[j]];
      while (j < n && scores[order[j]] == v) {
        leads++;
        conv += labels[order[j]] ? 1 : 0;
        j++;
      }
      points.add(new GainsPoint(v + 0.0, leads, (double) leads / n, conv, (double) conv / positives));
    }
    return List.copyOf(points);
  }

  /**
   * Precision and recall when every lead with {@code score >= cutoff} is flagged. Precision is
   * NaN when no lead reaches the cut-off, recall NaN when no lead converted. O(n).
   *
   * @param cutoff the lowest flagged score; not NaN (infinities allowed)
   * @throws IllegalArgumentException if the input is invalid or {@code cutoff} is NaN
   */
  public static PrecisionRecall precisionRecallAt(double[] scores, boolean[] labels, double cutoff) {
    Inputs.scores("scores", scores, labels);
    if (Double.isNaN(cutoff)) {
      throw new IllegalArgumentException("cutoff is NaN");
    }
    int flagged = 0;
    int tp = 0;
    int positives = 0;
    for (int i = 0; i < scores.length; i++) {
      if (labels[i]) {
        positives++;
      }
      if (scores[i] >= cutoff) {
        flagged++;
        if (labels[i]) {
          tp++;
        }
      }
    }
    return new PrecisionRecall(cutoff, flagged, tp, positives,
        flagged == 0 ? Double.NaN : (double) tp / flagged,
        positives == 0 ? Double.NaN : (double) tp / positives);
  }

  /**
   * The tier table of 0–100 scores under the given cut-offs; see {@link TierTable#of}.
   *
   * @throws IllegalArgumentException if the input is invalid or a score is outside [0, 100]
   */
  public static TierTable tierTable(double[] scores, boolean[] labels, TierCutoffs cutoffs) {
    return TierTable.of(scores, labels, cutoffs);
  }

  // ------------------------------------------------------------------------ helpers

  private static void requireBothClasses(boolean[] labels, String metric) {
    int positives = Inputs.count(labels, true);
    int negatives = labels.length - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException(metric + " is undefined when labels contain only one class (got "
          + positives + " converted and " + negatives + " not converted)");
    }
  }

  private static String classWeights(boolean[] labels, double[] weights) {
    double pos = 0.0;
    double neg = 0.0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i]) {
        pos += Inputs.weight(weights, i);
      } else {
        neg += Inputs.weight(weights, i);
      }
    }
    return "converted weight " + pos + ", not converted weight " + neg;
  }

  /** A share as a percentage without trailing zeros: 0.95 -> "95", 0.025 -> "2.5". */
  static String percent(double share) {
    return new BigDecimal(Double.toString(share)).movePointRight(2).stripTrailingZeros().toPlainString();
  }
}
