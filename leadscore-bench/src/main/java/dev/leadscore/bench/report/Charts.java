package dev.leadscore.bench.report;

import dev.leadscore.core.Tier;
import dev.leadscore.model.eval.GainsPoint;
import dev.leadscore.model.eval.ReliabilityTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report's charts as SVG documents ({@link Svg}), for embedding in HTML as {@code data:} URIs
 * ({@link Svg#dataUri}). Stateless; each method builds a new chart.
 */
public final class Charts {
  static final String MODEL = Svg.BLUE;
  static final String RULES = "#e67e22";
  static final String REFERENCE = "#999999";

  private Charts() {}

  /** The colour of a tier in every chart and table, as {@code #rrggbb}. */
  public static String tierColour(Tier t) {
    switch (t) {
      case HOT:
        return "#c0392b";
      case WARM:
        return "#e67e22";
      case NURTURE:
        return "#2980b9";
      default:
        return "#95a5a6";
    }
  }

  /** ROC curves of the given scorers with the chance diagonal. */
  public static String roc(String title, List<ScorerMetrics> scorers) {
    List<Svg.Series> series = new ArrayList<>();
    series.add(diagonal("chance"));
    for (ScorerMetrics m : scorers) {
      double[][] pts = rocPoints(m.scores(), m.labels());
      String name = m.name() + (m.auc() == null ? "" : String.format(Locale.ROOT, " (AUC %.3f)", m.auc().estimate()));
      series.add(new Svg.Series(name, colour(m), pts[0], pts[1], false, false));
    }
    return Svg.xy(title, "False positive rate (share of non-converting leads flagged)",
        "True positive rate (share of conversions flagged)", 1, 1, series, false, false);
  }

  /** Cumulative gains: share of conversions reached against share of leads worked, best score first. */
  public static String gains(String title, List<ScorerMetrics> scorers) {
    List<Svg.Series> series = new ArrayList<>();
    series.add(diagonal("random order"));
    for (ScorerMetrics m : scorers) {
      List<GainsPoint> g = m.gains();
      if (g.isEmpty()) {
        continue;
      }
      double[] x = new double[g.size()];
      double[] y = new double[g.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = g.get(i).shareOfLeads();
        y[i] = g.get(i).shareOfConversions();
      }
      series.add(new Svg.Series(m.name(), colour(m), x, y, false, false));
    }
    return Svg.xy(title, "Share of leads worked, highest score first", "Share of conversions reached", 1, 1, series,
        false, false);
  }

  /** Reliability diagram: observed conversion rate against mean predicted probability per bin. */
  public static String reliability(String title, List<ScorerMetrics> scorers) {
    List<Svg.Series> series = new ArrayList<>();
    series.add(diagonal("perfect calibration"));
    for (ScorerMetrics m : scorers) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (ReliabilityTable.Bin b : m.reliability().bins()) {
        if (!b.isEmpty()) {
          x.add(b.meanPredicted());
          y.add(b.observedRate());
        }
      }
      if (!x.isEmpty()) {
        series.add(new Svg.Series(String.format(Locale.ROOT, "%s (ECE %.3f)", m.name(), m.ece()), colour(m),
            x.stream().mapToDouble(Double::doubleValue).toArray(), y.stream().mapToDouble(Double::doubleValue).toArray(),
            false, true));
      }
    }
    return Svg.xy(title, "Mean predicted probability (10 equal-width bins)", "Observed conversion rate", 1, 1, series,
        false, false);
  }

  /** Histogram of 0–100 scores in bins of 5, stacked by the tier each lead falls in. */
  public static String scoreHistogram(String title, ScorerMetrics m) {
    int bins = 20;
    List<String> labels = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      labels.add(String.valueOf(b * 5));
    }
    List<Svg.Group> groups = new ArrayList<>();
    for (Tier t : Tier.values()) {
      double[] counts = new double[bins];
      int any = 0;
      for (double s : m.scores()) {
        if (m.cutoffs().tierOf(s) == t) {
          counts[Math.min(bins - 1, (int) Math.floor(s / 5.0))]++;
          any++;
        }
      }
      if (any > 0) {
        groups.add(new Svg.Group(t.label(), tierColour(t), counts));
      }
    }
    return Svg.bars(title, "Score (bins of 5)", "Leads", labels, groups, true, false);
  }

  /**
   * Precision against recall, one point per distinct score from the highest down, with the base
   * rate (precision of working every lead) as the reference line.
   */
  public static String precisionRecall(String title, List<ScorerMetrics> scorers) {
    List<Svg.Series> series = new ArrayList<>();
    for (ScorerMetrics m : scorers) {
      double[][] pts = prPoints(m.scores(), m.labels());
      if (pts[0].length > 0) {
        series.add(new Svg.Series(String.format(Locale.ROOT, "%s (AP %.3f)", m.name(), m.averagePrecision()),
            colour(m), pts[0], pts[1], false, false));
      }
    }
    if (!scorers.isEmpty()) {
      double base = scorers.get(0).conversionRate();
      series.add(new Svg.Series("base rate", REFERENCE, new double[] {0, 1}, new double[] {base, base}, true, false));
    }
    return Svg.xy(title, "Recall (share of conversions among the leads worked)",
        "Precision (share of leads worked that convert)", 1, 1, series, true, false);
  }

  /** How many leads fall in each bin of the reliability diagram, per scorer. */
  public static String reliabilityCounts(String title, List<ScorerMetrics> scorers) {
    List<String> labels = new ArrayList<>();
    List<Svg.Group> groups = new ArrayList<>();
    for (ScorerMetrics m : scorers) {
      List<ReliabilityTable.Bin> bins = m.reliability().bins();
      double[] counts = new double[bins.size()];
      labels.clear();
      for (int b = 0; b < counts.length; b++) {
        labels.add(String.format(Locale.ROOT, "%.1f", bins.get(b).lower()));
        counts[b] = bins.get(b).count();
      }
      groups.add(new Svg.Group(m.name(), colour(m), counts));
    }
    return Svg.bars(title, "Predicted probability bin (lower edge)", "Leads", labels, groups, false, false);
  }

  /**
   * Grouped bars of two shares per category, e.g. training against this batch, or predicted
   * against observed conversion.
   */
  public static String pairedBars(String title, String yTitle, List<String> categories, String firstName,
      List<Double> first, String secondName, List<Double> second) {
    return Svg.bars(title, "", yTitle, categories, List.of(
        new Svg.Group(firstName, REFERENCE, first.stream().mapToDouble(Double::doubleValue).toArray()),
        new Svg.Group(secondName, MODEL, second.stream().mapToDouble(Double::doubleValue).toArray())), false, true);
  }

  /** Precision-recall points (recall, precision), one per distinct score, highest first; none without positives. */
  static double[][] prPoints(double[] scores, boolean[] labels) {
    int[][] c = cumulative(scores, labels);
    int pos = positives(labels);
    if (pos == 0) {
      return new double[2][0];
    }
    double[][] out = new double[2][c[0].length];
    for (int k = 0; k < c[0].length; k++) {
      out[0][k] = (double) c[0][k] / pos;
      out[1][k] = (double) c[0][k] / c[1][k];
    }
    return out;
  }

  /**
   * ROC curve points (false positive rate, true positive rate), from (0, 0) to (1, 1), one point
   * per distinct score, highest first.
   */
  static double[][] rocPoints(double[] scores, boolean[] labels) {
    int[][] c = cumulative(scores, labels);
    int pos = positives(labels);
    int neg = labels.length - pos;
    double[][] out = new double[2][c[0].length + 1];
    for (int k = 0; k < c[0].length; k++) {
      int tp = c[0][k];
      int fp = c[1][k] - tp;
      out[0][k + 1] = neg == 0 ? 0 : (double) fp / neg;
      out[1][k + 1] = pos == 0 ? 0 : (double) tp / pos;
    }
    return out;
  }

  /**
   * Flagging every lead at or above each distinct score, highest first (tied leads together): the
   * conversions among them ({@code [0][k]}) and how many they are ({@code [1][k]}).
   */
  private static int[][] cumulative(double[] scores, boolean[] labels) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    List<int[]> steps = new ArrayList<>();
    int tp = 0;
    int i = 0;
    while (i < n) {
      double v = scores[order[i]];
      while (i < n && scores[order[i]] == v) {
        tp += labels[order[i]] ? 1 : 0;
        i++;
      }
      steps.add(new int[] {tp, i});
    }
    int[][] out = new int[2][steps.size()];
    for (int k = 0; k < steps.size(); k++) {
      out[0][k] = steps.get(k)[0];
      out[1][k] = steps.get(k)[1];
    }
    return out;
  }

  private static int positives(boolean[] labels) {
    int pos = 0;
    for (boolean b : labels) {
      pos += b ? 1 : 0;
    }
    return pos;
  }

  private static Svg.Series diagonal(String name) {
    return new Svg.Series(name, REFERENCE, new double[] {0, 1}, new double[] {0, 1}, true, false);
  }

  private static String colour(ScorerMetrics m) {
    return "rules".equals(m.name()) ? RULES : MODEL;
  }
}
