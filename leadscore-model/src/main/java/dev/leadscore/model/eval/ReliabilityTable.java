package dev.leadscore.model.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A reliability (calibration) table: predicted probabilities grouped into equal-width bins on
 * [0, 1], with the mean prediction and the observed conversion rate in each, built by {@link
 * Metrics#reliability}.
 *
 * <p><b>Binning</b> (scikit-learn's {@code calibration_curve(strategy='uniform')}): with {@code
 * B} bins the edges are {@code eᵢ = i·(1.0/B)} for {@code 0 < i < B} (computed exactly so, as
 * numpy's {@code linspace} does: for B = 10 the third edge is 0.30000000000000004), {@code e₀ = 0}
 * and {@code e_B = 1}. A probability goes to the bin numbered by how many interior edges lie
 * strictly below it, so bin 0 is {@code [0, e₁]} and bin {@code b > 0} is {@code (e_b, e_{b+1}]}:
 * a probability exactly on an edge belongs to the lower bin.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param bins all {@code B} bins in ascending order, empty ones included
 */
public record ReliabilityTable(List<Bin> bins) {

  /**
   * One bin. Immutable record.
   *
   * @param lower the bin's lower edge (exclusive, except 0 for the first bin)
   * @param upper the bin's upper edge (inclusive)
   * @param count the number of predictions in the bin
   * @param weight their total sample weight (equal to {@code count} when unweighted)
   * @param meanPredicted the weighted mean predicted probability, NaN when the bin is empty
   * @param observedRate the weighted fraction that converted, NaN when the bin is empty
   */
  public record Bin(double lower, double upper, int count, double weight, double meanPredicted, double observedRate) {
    /** {@return whether the bin holds no weight (then its means are NaN)} */
    public boolean isEmpty() {
      return !(weight > 0.0);
    }

    /** {@code |meanPredicted − observedRate|}, NaN when empty. */
    public double gap() {
      return Math.abs(meanPredicted - observedRate);
    }
  }

  /** @throws IllegalArgumentException if there are no bins */
  public ReliabilityTable {
    bins = List.copyOf(bins);
    if (bins.isEmpty()) {
      throw new IllegalArgumentException("a reliability table needs at least one bin");
    }
  }

  /**
   * Bins the probabilities as the class comment describes; inputs already validated by {@link
   * Metrics#reliability}. O(n log bins) time, O(bins) memory.
   */
  static ReliabilityTable of(double[] probabilities, boolean[] labels, double[] weights, int bins) {
    double step = 1.0 / bins;
    double[] edges = new double[bins + 1];
    for (int i = 0; i < bins; i++) {
      edges[i] = i * step;
    }
    edges[bins] = 1.0;
    int[] count = new int[bins];
    double[] weight = new double[bins];
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      int b = binOf(edges, p);
      double w = Inputs.weight(weights, i);
      count[b]++;
      weight[b] += w;
      sumP[b] += w * p;
      sumY[b] += labels[i] ? w : 0.0;
    }
    List<ReliabilityTable.Bin> out = new ArrayList<>(bins);
    for (int b = 0; b < bins; b++) {
      boolean empty = !(weight[b] > 0.0);
      out.add(new ReliabilityTable.Bin(edges[b], edges[b + 1], count[b], weight[b],
          empty ? Double.NaN : sumP[b] / weight[b], empty ? Double.NaN : sumY[b] / weight[b]));
    }
    return new ReliabilityTable(out);
  }

  /** The number of interior edges {@code edges[1..B-1]} strictly below p (numpy searchsorted left). */
  private static int binOf(double[] edges, double p) {
    int lo = 1;
    int hi = edges.length - 1; // interior edges are indices 1 .. B-1; find first with edge >= p
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < p) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  /**
   * Expected calibration error: {@code Σ_b (W_b / W)·|meanPredicted_b − observedRate_b|} over the
   * non-empty bins, where {@code W_b} is the bin's weight and {@code W} the total. In [0, 1];
   * 0 is perfectly calibrated on this binning.
   */
  public double expectedCalibrationError() {
    double total = 0.0;
    for (Bin b : bins) {
      total += b.weight();
    }
    double ece = 0.0;
    for (Bin b : bins) {
      if (!b.isEmpty()) {
        ece += b.weight() / total * b.gap();
      }
    }
    return ece;
  }

  /** {@return the largest {@code |meanPredicted − observedRate|} over non-empty bins} */
  public double maximumCalibrationError() {
    double max = 0.0;
    for (Bin b : bins) {
      if (!b.isEmpty()) {
        max = Math.max(max, b.gap());
      }
    }
    return max;
  }

  /** {@return a Markdown table, one row per bin, then the ECE} */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| Bin | Leads | Mean predicted | Observed rate |\n");
    sb.append("|---|---:|---:|---:|\n");
    for (Bin b : bins) {
      sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |%n", range(b), b.count(),
          pct(b.meanPredicted()), pct(b.observedRate())));
    }
    sb.append(String.format(Locale.ROOT, "%nExpected calibration error: %.4f%n", expectedCalibrationError()));
    return sb.toString();
  }

  /** A fixed-width text table, one row per bin, then the ECE. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-12s %8s %15s %14s%n", "Bin", "Leads", "Mean predicted", "Observed rate"));
    for (Bin b : bins) {
      sb.append(String.format(Locale.ROOT, "%-12s %8d %15s %14s%n", range(b), b.count(),
          pct(b.meanPredicted()), pct(b.observedRate())));
    }
    sb.append(String.format(Locale.ROOT, "ECE %.4f", expectedCalibrationError()));
    return sb.toString();
  }

  private static String range(Bin b) {
    return String.format(Locale.ROOT, "%s%.2f, %.2f]", b.lower() == 0.0 ? "[" : "(", b.lower(), b.upper());
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * v);
  }
}
