package dev.leadscore.bench.report;

import dev.leadscore.core.Tier;
import dev.leadscore.explain.Importance;
import dev.leadscore.model.eval.GainsPoint;
import dev.leadscore.model.eval.ReliabilityTable;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart and encoded as PNG for embedding in HTML as {@code
 * data:} URIs. Rendering is headless ({@code java.awt.headless} is set before the first chart).
 * Stateless; each method builds a new chart.
 */
public final class Charts {
  static final int WIDTH = 560;
  static final int HEIGHT = 420;
  static final Color MODEL = new Color(0x1f, 0x77, 0xb4);
  static final Color RULES = new Color(0xe6, 0x7e, 0x22);
  static final Color REFERENCE = new Color(0x99, 0x99, 0x99);

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** The colour of a tier in every chart and table. */
  public static Color tierColour(Tier t) {
    switch (t) {
      case HOT:
        return new Color(0xc0, 0x39, 0x2b);
      case WARM:
        return new Color(0xe6, 0x7e, 0x22);
      case NURTURE:
        return new Color(0x29, 0x80, 0xb9);
      default:
        return new Color(0x95, 0xa5, 0xa6);
    }
  }

  /** A chart as a PNG {@code data:} URI. */
  public static String dataUri(Chart<?, ?> chart) {
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a chart as PNG", e);
    }
  }

  /** ROC curves of the given scorers with the chance diagonal. */
  public static XYChart roc(String title, List<ScorerMetrics> scorers) {
    XYChart c = xy(title, "False positive rate (share of non-converting leads flagged)",
        "True positive rate (share of conversions flagged)");
    diagonal(c, "chance");
    for (ScorerMetrics m : scorers) {
      double[][] pts = rocPoints(m.scores(), m.labels());
      String name = m.name() + (m.auc() == null ? "" : String.format(Locale.ROOT, " (AUC %.3f)", m.auc().estimate()));
      XYSeries s = c.addSeries(name, pts[0], pts[1]);
      style(s, colour(m));
    }
    return c;
  }

  /** Cumulative gains: share of conversions reached against share of leads worked, best score first. */
  public static XYChart gains(String title, List<ScorerMetrics> scorers) {
    XYChart c = xy(title, "Share of leads worked, highest score first", "Share of conversions reached");
    diagonal(c, "random order");
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
      style(c.addSeries(m.name(), x, y), colour(m));
    }
    return c;
  }

  /** Reliability diagram: observed conversion rate against mean predicted probability per bin. */
  public static XYChart reliability(String title, List<ScorerMetrics> scorers) {
    XYChart c = xy(title, "Mean predicted probability (10 equal-width bins)", "Observed conversion rate");
    diagonal(c, "perfect calibration");
    for (ScorerMetrics m : scorers) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (ReliabilityTable.Bin b : m.reliability().bins()) {
        if (!b.isEmpty()) {
          x.add(b.meanPredicted());
          y.add(b.observedRate());
        }
      }
      if (x.isEmpty()) {
        continue;
      }
      XYSeries s = c.addSeries(String.format(Locale.ROOT, "%s (ECE %.3f)", m.name(), m.ece()), x, y);
      s.setLineColor(colour(m));
      s.setMarkerColor(colour(m));
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setLineStyle(new BasicStroke(2f));
    }
    return c;
  }

  /** Histogram of 0–100 scores in bins of 5, stacked by the tier each lead falls in. */
  public static CategoryChart scoreHistogram(String title, ScorerMetrics m) {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("Score (bins of 5)").yAxisTitle("Leads").build();
    styleCommon(c.getStyler());
    c.getStyler().setStacked(true);
    c.getStyler().setOverlapped(false);
    c.getStyler().setAvailableSpaceFill(0.9);
    c.getStyler().setXAxisLabelRotation(0);
    int bins = 20;
    List<String> labels = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      labels.add(String.valueOf(b * 5));
    }
    double[] scores = m.scores();
    for (Tier t : Tier.values()) {
      List<Integer> counts = new ArrayList<>();
      for (int b = 0; b < bins; b++) {
        counts.add(0);
      }
      int any = 0;
      for (double s : scores) {
        if (m.cutoffs().tierOf(s) == t) {
          int b = Math.min(bins - 1, (int) Math.floor(s / 5.0));
          counts.set(b, counts.get(b) + 1);
          any++;
        }
      }
      if (any > 0) {
        CategorySeries s = c.addSeries(t.label(), labels, counts);
        s.setFillColor(tierColour(t));
      }
    }
    return c;
  }

  /** The features with the largest mean |SHAP|, as bars. */
  public static CategoryChart importance(String title, List<Importance> importance, int top) {
    List<Importance> shown = new ArrayList<>(importance.subList(0, Math.min(top, importance.size())));
    CategoryChart c = new CategoryChartBuilder().width(2 * WIDTH).height(HEIGHT + 80).title(title)
        .xAxisTitle("").yAxisTitle("Mean |SHAP| (log-odds)").build();
    styleCommon(c.getStyler());
    c.getStyler().setLegendVisible(false);
    c.getStyler().setXAxisLabelRotation(35);
    c.getStyler().setAvailableSpaceFill(0.7);
    c.getStyler().setYAxisDecimalPattern("0.00");
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (Importance i : shown) {
      names.add(shorten(i.feature(), 28));
      values.add(i.meanAbsContribution());
    }
    if (names.isEmpty()) {
      names.add("(no features)");
      values.add(0.0);
    }
    CategorySeries s = c.addSeries("mean |SHAP|", names, values);
    s.setFillColor(MODEL);
    return c;
  }

  /**
   * ROC curve points (false positive rate, true positive rate), from (0, 0) to (1, 1), one point
   * per distinct score, highest first.
   */
  static double[][] rocPoints(double[] scores, boolean[] labels) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    int pos = 0;
    for (boolean b : labels) {
      pos += b ? 1 : 0;
    }
    int neg = n - pos;
    List<double[]> pts = new ArrayList<>();
    pts.add(new double[] {0, 0});
    int tp = 0;
    int fp = 0;
    int i = 0;
    while (i < n) {
      double v = scores[order[i]];
      while (i < n && scores[order[i]] == v) {
        if (labels[order[i]]) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      pts.add(new double[] {neg == 0 ? 0 : (double) fp / neg, pos == 0 ? 0 : (double) tp / pos});
    }
    double[][] out = new double[2][pts.size()];
    for (int k = 0; k < pts.size(); k++) {
      out[0][k] = pts.get(k)[0];
      out[1][k] = pts.get(k)[1];
    }
    return out;
  }

  private static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
        .build();
    styleCommon(c.getStyler());
    c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    c.getStyler().setXAxisDecimalPattern("0.0");
    c.getStyler().setYAxisDecimalPattern("0.0");
    return c;
  }

  private static void styleCommon(org.knowm.xchart.style.AxesChartStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(0xe5, 0xe5, 0xe5));
    s.setPlotBorderVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendBorderColor(Color.WHITE);
    s.setAntiAlias(true);
  }

  private static void diagonal(XYChart c, String name) {
    XYSeries d = c.addSeries(name, new double[] {0, 1}, new double[] {0, 1});
    d.setMarker(SeriesMarkers.NONE);
    d.setLineColor(REFERENCE);
    d.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 5f}, 0f));
  }

  private static void style(XYSeries s, Color colour) {
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(colour);
    s.setLineStyle(new BasicStroke(2.2f));
  }

  private static Color colour(ScorerMetrics m) {
    return "rules".equals(m.name()) ? RULES : MODEL;
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
