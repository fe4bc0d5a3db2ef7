package dev.leadscore.bench.report;

import dev.leadscore.model.monitor.Health;
import dev.leadscore.model.monitor.Monitor;
import dev.leadscore.model.monitor.MonitoringReport;
import dev.leadscore.model.monitor.MonitoringReport.Bin;
import dev.leadscore.model.monitor.MonitoringReport.FeatureDrift;
import dev.leadscore.model.monitor.MonitoringReport.OutcomeRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A {@link MonitoringReport} as one self-contained HTML page, in the style of {@link HtmlReport}:
 * the verdict and its reasons first, then the drift charts (per-feature PSI as horizontal bars
 * with the WATCH and RETRAIN thresholds, predicted against observed conversion overall and per
 * tier when outcomes were given, the score histogram and tier shares of training against the
 * batch) and the per-feature table. Charts are SVG {@code data:} URIs; no scripts, nothing
 * fetched. Every text is HTML-escaped. Stateless.
 */
public final class MonitorHtml {
  /** Features shown in the PSI chart. */
  static final int TOP_FEATURES = 20;

  private MonitorHtml() {}

  /**
   * The page.
   *
   * @param r the report
   * @param batch the batch's name (its file name)
   */
  public static String of(MonitoringReport r, String batch) {
    StringBuilder h = new StringBuilder(32 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.append("<title>leadscore monitoring: ").append(esc(batch)).append("</title>\n");
    h.append("<style>\n").append(HtmlReport.CSS).append("\n</style>\n</head>\n<body>\n");
    h.append("<h1>Model monitoring</h1>\n<p class=\"muted\">Model <code>").append(esc(r.modelId()))
        .append("</code> v").append(esc(r.modelVersion())).append(" &middot; batch ").append(esc(batch))
        .append(" &middot; ").append(r.rowsUsed()).append(" of ").append(r.rowsIn()).append(" leads checked")
        .append(r.asOf().equals(java.time.Instant.EPOCH) ? "" : " &middot; as of " + esc(r.asOf().toString()))
        .append("</p>\n");
    Health v = r.verdict();
    h.append("<section id=\"verdict\" class=\"decision\">\n<h2>Verdict: <span class=\"status-")
        .append(v.status().name().toLowerCase(Locale.ROOT)).append("\">").append(v.status()).append("</span></h2>\n");
    h.append("<p>").append(esc(meaning(v.status()))).append("</p>\n<ul>\n");
    for (String reason : v.reasons()) {
      h.append("<li>").append(esc(reason)).append("</li>\n");
    }
    h.append("</ul>\n</section>\n");

    h.append("<h2>Drift charts</h2>\n<div class=\"grid\">\n");
    img(h, Svg.dataUri(psiChart(r.features())), "Population stability index per feature");
    r.outcomes().ifPresent(o -> {
      List<String> groups = new ArrayList<>();
      List<Double> predicted = new ArrayList<>();
      List<Double> observed = new ArrayList<>();
      List<OutcomeRow> rows = new ArrayList<>();
      rows.add(o.overall());
      rows.addAll(o.tiers());
      for (OutcomeRow row : rows) {
        groups.add(row.group());
        predicted.add(row.predictedRate());
        observed.add(row.actualRate());
      }
      img(h, Svg.dataUri(Charts.pairedBars("Predicted vs observed conversion", "Conversion rate", groups,
          "predicted", predicted, "observed", observed)), "Predicted against observed conversion");
    });
    r.score().ifPresent(s -> {
      img(h, Svg.dataUri(bins("Score distribution: training vs batch", "Share of leads", s.histogram())),
          "Score histogram of training and batch");
      img(h, Svg.dataUri(bins("Tier shares: training vs batch", "Share of leads", s.tiers())),
          "Tier shares of training and batch");
    });
    h.append("</div>\n");

    r.outcomes().ifPresent(o -> {
      h.append("<h2>Outcomes</h2>\n<table>\n<tr><th>Group</th><th>Leads</th><th>Conversions</th><th>Predicted</th>"
          + "<th>Observed</th><th>Relative gap</th><th>z</th><th>Status</th></tr>\n");
      List<OutcomeRow> rows = new ArrayList<>();
      rows.add(o.overall());
      rows.addAll(o.tiers());
      for (OutcomeRow row : rows) {
        h.append("<tr><td>").append(esc(row.group())).append("</td><td>").append(row.leads()).append("</td><td>")
            .append(row.conversions()).append("</td><td>").append(pct(row.predictedRate())).append("</td><td>")
            .append(pct(row.actualRate())).append("</td><td>").append(pct(row.relativeGap())).append("</td><td>")
            .append(String.format(Locale.ROOT, "%.2f", row.z())).append("</td><td>").append(row.status())
            .append("</td></tr>\n");
      }
      h.append("</table>\n<p class=\"muted\">Calibration error (ECE) ")
          .append(String.format(Locale.ROOT, "%.3f against %.3f in training", o.calibrationError(),
              o.referenceCalibrationError()))
          .append(String.format(Locale.ROOT, ". A gap over %.0f %% is flagged when it is also statistically"
              + " significant.</p>%n", 100 * Monitor.OUTCOME_GAP));
    });

    h.append("<h2>Features</h2>\n<table>\n<tr><th>Feature</th><th class=\"l\">Binned as</th><th>PSI</th>"
        + "<th>Chi-square (dof)</th><th>Missing rate, training &rarr; batch</th><th>Status</th></tr>\n");
    for (FeatureDrift f : sorted(r.features())) {
      h.append("<tr><td>").append(esc(f.feature())).append("</td><td class=\"l\">")
          .append(f.kind().name().toLowerCase(Locale.ROOT)).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3f", f.psi())).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1f (%d)", f.chiSquare(), f.degreesOfFreedom())).append("</td><td>")
          .append(f.missingRate().map(m -> pct(m.reference()) + " &rarr; " + pct(m.current())).orElse(""))
          .append("</td><td>").append(f.status()).append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (!r.errors().isEmpty()) {
      h.append("<p class=\"alert\">").append(r.errors().size())
          .append(" lead(s) could not be checked; they are listed in the errors file.</p>\n");
    }
    h.append(String.format(Locale.ROOT, "<p class=\"muted\">PSI at or above %.2f is WATCH, at or above %.2f RETRAIN,"
        + " when the shift is also significant. This page is self-contained: charts are embedded SVG images.</p>%n",
        Monitor.PSI_WATCH, Monitor.PSI_ACT));
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /** Per-feature PSI as horizontal bars, largest first, coloured by status, with both thresholds. */
  static String psiChart(List<FeatureDrift> features) {
    List<Svg.Bar> bars = new ArrayList<>();
    List<FeatureDrift> shown = sorted(features);
    for (FeatureDrift f : shown.subList(0, Math.min(TOP_FEATURES, shown.size()))) {
      String colour = f.status() == Health.Status.RETRAIN ? Svg.RED
          : f.status() == Health.Status.WATCH ? Svg.AMBER : Svg.BLUE;
      bars.add(new Svg.Bar(f.feature(), f.psi(), colour, f.status() == Health.Status.OK ? null : f.status().name()));
    }
    return Svg.hbars("Feature drift: population stability index", "PSI (batch against training)", bars,
        List.of(new Svg.Line(Monitor.PSI_WATCH, "watch"), new Svg.Line(Monitor.PSI_ACT, "retrain")), "%.3f");
  }

  private static String bins(String title, String yTitle, List<Bin> bins) {
    List<String> labels = new ArrayList<>();
    List<Double> reference = new ArrayList<>();
    List<Double> current = new ArrayList<>();
    for (Bin b : bins) {
      labels.add(b.label().replace("[", "").replace(")", "").replace("]", "").replace(", ", "-"));
      reference.add(b.reference());
      current.add(b.current());
    }
    return Charts.pairedBars(title, yTitle, labels, "training", reference, "batch", current);
  }

  private static List<FeatureDrift> sorted(List<FeatureDrift> features) {
    List<FeatureDrift> l = new ArrayList<>(features);
    l.sort(Comparator.comparingDouble(FeatureDrift::psi).reversed());
    return l;
  }

  private static String meaning(Health.Status s) {
    switch (s) {
      case OK:
        return "Nothing moved past a threshold: keep scoring with this model.";
      case WATCH:
        return "Something moved past a watch threshold: look into it; the scores are still usable.";
      default:
        return "Something moved past an act threshold: check the data feed and retrain the model.";
    }
  }

  private static void img(StringBuilder h, String uri, String alt) {
    h.append("<img src=\"").append(uri).append("\" alt=\"").append(esc(alt)).append("\">\n");
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
  }

  private static String esc(String s) {
    return HtmlReport.esc(s);
  }
}
