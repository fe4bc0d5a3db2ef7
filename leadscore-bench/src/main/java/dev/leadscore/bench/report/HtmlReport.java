package dev.leadscore.bench.report;

import dev.leadscore.core.Reason;
import dev.leadscore.core.Tier;
import dev.leadscore.explain.Importance;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingSummary;
import dev.leadscore.model.eval.DataSufficiency;
import dev.leadscore.model.eval.TierTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation as one self-contained HTML page: inline CSS, every chart an SVG image embedded as
 * a {@code data:} URI (vector, so sharp on high-DPI screens), no scripts, fonts or other resources
 * fetched from anywhere, so it opens offline and can be mailed around. It leads with the decision
 * ({@link Decision}: which scorer to use and why, the data-check verdict, the recommended scorer's
 * tier table with conversion per tier, drift warnings), then the metrics side by side with ROC
 * curves, cumulative gains, the precision-recall curve, the reliability diagram with the leads per
 * bin and the score histogram by tier; then tier tables, the back-test, global importance as
 * horizontal bars coloured by the direction of each feature's effect, explained example leads,
 * the data check and the lambda path. Every text from the data is HTML-escaped. Stateless.
 */
public final class HtmlReport {
  private HtmlReport() {}

  static final String CSS = String.join("\n",
      "body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:2em auto;max-width:1180px;"
          + "color:#222;padding:0 1em;line-height:1.45}",
      "h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:2px solid #eee;padding-bottom:.2em}",
      "h3{margin-bottom:.3em}",
      "table{border-collapse:collapse;margin:.6em 0 1em}th,td{padding:.3em .8em;border-bottom:1px solid #e3e3e3;"
          + "text-align:right}th{background:#f6f7f9}td:first-child,th:first-child{text-align:left}",
      ".muted{color:#666;font-size:.92em}.grid{display:flex;flex-wrap:wrap;gap:12px}",
      ".grid img{border:1px solid #eee;max-width:100%}",
      ".tier{display:inline-block;padding:0 .5em;border-radius:3px;color:#fff;font-weight:600}",
      ".lead{border:1px solid #e3e3e3;border-radius:6px;padding:.6em 1em;margin:.8em 0}",
      ".up{color:#1e7e34}.down{color:#b02a37}.warn{color:#8a6d3b}",
      "code{background:#f4f4f4;padding:0 .3em}td.l,th.l{text-align:left}",
      ".decision{border:2px solid #1f77b4;border-radius:8px;padding:.2em 1.2em .8em;background:#f7fbff}",
      ".decision h2{border:none;margin-top:.6em}.alert{color:#b02a37;font-weight:600}",
      ".status-ok{color:#1e7e34}.status-watch{color:#d68910}.status-retrain{color:#b02a37}");

  /** The page. */
  public static String of(EvaluationResult r) {
    StringBuilder h = new StringBuilder(64 * 1024);
    EvaluationResult.Dataset d = r.dataset();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.append("<title>leadscore evaluation: ").append(esc(d.name())).append("</title>\n");
    h.append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n");
    h.append("<h1>Lead scoring evaluation</h1>\n");
    h.append("<p class=\"muted\">").append(esc(d.name())).append(" &middot; ").append(d.leads()).append(" leads, ")
        .append(d.positives()).append(" converted (").append(pct(d.conversionRate())).append(") &middot; schema <code>")
        .append(esc(d.schemaName())).append("</code> v").append(d.schemaVersion()).append(", ").append(d.features())
        .append(" features &rarr; ").append(d.columns()).append(" columns &middot; ").append(esc(d.asOfText()))
        .append("</p>\n");
    Decision decision = Decision.of(r);
    decision(h, decision, r);
    h.append("<p>").append(esc(r.protocol())).append(".</p>\n");

    List<ScorerMetrics> cv = both(r.rules(), r.model());
    h.append(r.rules() != null ? "<h2>Rules vs model</h2>\n" : "<h2>Model quality</h2>\n");
    metricsTable(h, cv, r.oracleAuc());
    if (r.rules() != null) {
      h.append("<p class=\"muted\">Rule points rank leads but are not probabilities; the rules' Brier score, log loss,"
          + " ECE and reliability use a Platt curve fitted on each fold's training leads.</p>\n");
    }
    h.append("<div class=\"grid\">\n");
    img(h, Svg.dataUri(Charts.roc("ROC curve, out-of-fold", cv)), "ROC curves of rules and model");
    img(h, Svg.dataUri(Charts.gains("Cumulative gains, out-of-fold", cv)), "Cumulative gains");
    img(h, Svg.dataUri(Charts.precisionRecall("Precision-recall, out-of-fold", cv)), "Precision-recall curves");
    img(h, Svg.dataUri(Charts.reliability("Calibration (reliability diagram)", cv)), "Reliability diagram");
    img(h, Svg.dataUri(Charts.reliabilityCounts("Leads per reliability bin", cv)),
        "Leads in each bin of the reliability diagram");
    img(h, Svg.dataUri(Charts.scoreHistogram("Model scores by tier, out-of-fold", r.model())),
        "Histogram of model scores by tier");
    h.append("</div>\n");

    h.append("<h2>Tiers</h2>\n<h3>Model</h3>\n");
    tierTable(h, r.model().tiers());
    if (r.rules() != null) {
      h.append("<h3>Rules</h3>\n<p class=\"muted\">The same tier policy applied to the rules' out-of-fold scores, so"
          + " both split the pipeline alike.</p>\n");
      tierTable(h, r.rules().tiers());
    }

    if (r.backTest() != null) {
      EvaluationResult.BackTestOutcome b = r.backTest();
      h.append("<h2>Time-ordered back-test</h2>\n<p>").append(esc(b.split())).append(". The model is trained (with its"
          + " own cross-validation, which chose lambda ").append(esc(Evaluation.compact(b.lambda())))
          .append(") on the earlier leads only and scores the later ones; random-fold AUC on the earlier leads was ")
          .append(f3(b.crossValidatedAuc())).append(".</p>\n");
      if (b.gapFlagged()) {
        h.append("<p class=\"alert\">Predicted ").append(pct(b.model().meanProbability())).append(" conversion against ")
            .append(pct(b.model().conversionRate())).append(" observed on the later leads: a ")
            .append(String.format(Locale.ROOT, "%.0f %%", 100 * b.relativeGap())).append(" gap, over the ")
            .append(String.format(Locale.ROOT, "%.0f %%", 100 * dev.leadscore.model.monitor.Monitor.OUTCOME_GAP))
            .append(" at which to retrain.</p>\n");
      }
      List<ScorerMetrics> bt = both(b.rules(), b.model());
      metricsTable(h, bt, null);
      h.append("<div class=\"grid\">\n");
      img(h, Svg.dataUri(Charts.roc("ROC curve, back-test", bt)), "ROC curves on the later leads");
      img(h, Svg.dataUri(Charts.reliability("Calibration, back-test", bt)), "Reliability on the later leads");
      h.append("</div>\n");
      h.append("<h3>Model tiers on the later leads</h3>\n");
      tierTable(h, b.model().tiers());
    }

    h.append("<h2>What drives the model</h2>\n<p class=\"muted\">Mean absolute SHAP value per feature of the model"
        + " trained on all leads, over all leads: how far, on average, each feature moves a lead's log-odds away"
        + " from the average lead. Green: a higher value raises the score; red: it lowers it; grey: it depends on"
        + " the value or level.</p>\n");
    java.util.Map<String, Effects.Effect> effects = Effects.of(r.finalModel());
    h.append("<div class=\"grid\">\n");
    img(h, Svg.dataUri(importanceChart(r.importance(), effects, 15)), "Global SHAP importance with direction");
    h.append("</div>\n");
    importanceTable(h, r.importance(), effects, 15);

    h.append("<h2>Example leads, explained</h2>\n<p class=\"muted\">Scored by the model trained on all leads;"
        + " contributions in percentage points of conversion probability (they add up to the difference from the"
        + " average lead).</p>\n");
    for (EvaluationResult.Example e : r.examples()) {
      example(h, e);
    }

    h.append("<h2>Data check</h2>\n");
    sufficiency(h, r.sufficiency());

    h.append("<h2>Model</h2>\n");
    model(h, r.finalModel());
    h.append("<h2>Learned shapes and pairs</h2>\n<pre>").append(esc(ModelChoices.text(r))).append("</pre>\n");
    h.append(String.format(Locale.ROOT, "<p class=\"muted\">Generated by leadscore-bench in %.1f s. This page is"
        + " self-contained: charts are embedded SVG images, nothing is loaded from the network.</p>%n", r.seconds()));
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static List<ScorerMetrics> both(ScorerMetrics rules, ScorerMetrics model) {
    List<ScorerMetrics> l = new ArrayList<>();
    if (rules != null) {
      l.add(rules);
    }
    l.add(model);
    return l;
  }

  private static void metricsTable(StringBuilder h, List<ScorerMetrics> cols, Double oracle) {
    h.append("<table>\n<tr><th>Metric</th>");
    for (ScorerMetrics m : cols) {
      h.append("<th>").append(esc(m.name())).append("</th>");
    }
    h.append("</tr>\n");
    row(h, "ROC AUC [95 % bootstrap CI]", cols, m -> esc(TextReport.auc(m.auc())));
    row(h, "Average precision", cols, m -> f3(m.averagePrecision()));
    row(h, "Brier score (lower is better)", cols, m -> f3(m.brier()));
    row(h, "Log loss (lower is better)", cols, m -> f3(m.logLoss()));
    row(h, "Expected calibration error", cols, m -> f3(m.ece()));
    for (int k = 0; k < ScorerMetrics.LIFT_SHARES.length; k++) {
      int idx = k;
      row(h, "Top " + Evaluation.percent(ScorerMetrics.LIFT_SHARES[k]) + ": lift, capture", cols,
          m -> m.lifts().size() > idx ? esc(TextReport.lift(m.lifts().get(idx))) : "n/a");
    }
    row(h, "Mean predicted / observed", cols, m -> pct(m.meanProbability()) + " / " + pct(m.conversionRate()));
    row(h, "Leads", cols, m -> String.valueOf(m.size()));
    h.append("</table>\n");
    h.append("<p class=\"muted\">");
    for (ScorerMetrics m : cols) {
      h.append("<b>").append(esc(m.name())).append("</b>: ").append(esc(m.description())).append(". ");
    }
    if (oracle != null) {
      h.append(String.format(Locale.ROOT, "The true probabilities of this synthetic pipeline reach ROC AUC %.3f, the"
          + " best any model could do.", oracle));
    }
    h.append("</p>\n");
  }

  private interface Cell {
    String of(ScorerMetrics m);
  }

  private static void row(StringBuilder h, String label, List<ScorerMetrics> cols, Cell cell) {
    h.append("<tr><td>").append(esc(label)).append("</td>");
    for (ScorerMetrics m : cols) {
      h.append("<td>").append(cell.of(m)).append("</td>");
    }
    h.append("</tr>\n");
  }

  private static void tierTable(StringBuilder h, TierTable t) {
    h.append("<table>\n<tr><th>Tier</th><th class=\"l\">Action</th><th>Leads</th><th>Share of pipeline</th><th>Conversions</th>"
        + "<th>Conversion rate</th><th>Share of conversions</th><th>Cumulative</th></tr>\n");
    for (TierTable.Row row : t.rows()) {
      h.append("<tr><td>").append(badge(row.tier())).append("</td><td class=\"l\">").append(esc(row.tier().action()))
          .append("</td><td>").append(row.leads()).append("</td><td>").append(pct(row.shareOfPipeline()))
          .append("</td><td>").append(row.conversions()).append("</td><td>").append(pct(row.conversionRate()))
          .append("</td><td>").append(pct(row.shareOfConversions())).append("</td><td>")
          .append(pct(row.cumulativeShareOfConversions())).append("</td></tr>\n");
    }
    h.append("<tr><td><b>Total</b></td><td></td><td>").append(t.leads()).append("</td><td>100.0 %</td><td>")
        .append(t.conversions()).append("</td><td>").append(pct(t.conversionRate())).append("</td><td></td><td></td>"
            + "</tr>\n</table>\n");
    h.append("<p class=\"muted\">Cut-offs on the 0&ndash;100 score: Hot &ge; ").append(cut(t.cutoffs().hot()))
        .append(", Warm &ge; ").append(cut(t.cutoffs().warm())).append(", Nurture &ge; ")
        .append(cut(t.cutoffs().nurture())).append(", Suppress below.</p>\n");
  }

  private static void importanceTable(StringBuilder h, List<Importance> imp, java.util.Map<String, Effects.Effect> effects,
      int top) {
    h.append("<table>\n<tr><th>Feature</th><th class=\"l\">Family</th><th>Mean |SHAP| (log-odds)</th>"
        + "<th class=\"l\">Direction of effect</th></tr>\n");
    for (Importance i : imp.subList(0, Math.min(top, imp.size()))) {
      Effects.Effect e = effects.get(i.feature());
      h.append("<tr><td>").append(esc(i.feature())).append("</td><td class=\"l\">").append(esc(i.family()))
          .append("</td><td>").append(f3(i.meanAbsContribution())).append("</td><td class=\"l\">")
          .append(e == null ? "" : esc(e.text())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  /** The top features by mean |SHAP| as horizontal bars coloured by the direction of their effect. */
  static String importanceChart(List<Importance> imp, java.util.Map<String, Effects.Effect> effects, int top) {
    List<Svg.Bar> bars = new ArrayList<>();
    for (Importance i : imp.subList(0, Math.min(top, imp.size()))) {
      Effects.Effect e = effects.get(i.feature());
      String colour = e == null || e.sign() == 0 ? Svg.GREY : e.sign() > 0 ? Svg.GREEN : Svg.RED;
      bars.add(new Svg.Bar(i.feature(), i.meanAbsContribution(), colour, e == null ? null : e.text()));
    }
    return Svg.hbars("Global importance (mean |SHAP|) and direction of effect", "Mean |SHAP| (log-odds)", bars,
        List.of(), "%.3f");
  }

  private static void decision(StringBuilder h, Decision d, EvaluationResult r) {
    h.append("<section id=\"decision\" class=\"decision\">\n<h2>Decision: ").append(esc(d.headline()))
        .append("</h2>\n<ul>\n");
    for (String reason : d.reasons()) {
      h.append("<li>").append(esc(reason)).append("</li>\n");
    }
    h.append("</ul>\n<p>Data check: <b>").append(esc(r.sufficiency().verdict().name())).append("</b> (")
        .append(r.sufficiency().positives()).append(" converted, ").append(r.sufficiency().negatives())
        .append(" not).</p>\n");
    boolean rules = d.keepRules() && r.rules() != null;
    h.append("<h3>Tiers of the ").append(rules ? "rules" : "model").append(" (out-of-fold): conversion per tier</h3>\n");
    tierTable(h, rules ? r.rules().tiers() : r.model().tiers());
    if (!d.warnings().isEmpty()) {
      h.append("<h3>Warnings</h3>\n<ul>\n");
      for (String w : d.warnings()) {
        h.append("<li class=\"alert\">").append(esc(w)).append("</li>\n");
      }
      h.append("</ul>\n");
    } else {
      h.append("<p class=\"muted\">No drift or data warnings.</p>\n");
    }
    h.append("</section>\n");
  }

  private static void example(StringBuilder h, EvaluationResult.Example e) {
    h.append("<div class=\"lead\">\n<p>").append(badge(e.score().tier())).append(" Lead <code>")
        .append(esc(e.score().leadId())).append("</code>: probability ").append(pct(e.score().probability()))
        .append(", score ").append(String.format(Locale.ROOT, "%.0f", e.score().score())).append(" &rarr; ")
        .append(esc(e.score().tier().action())).append(". <span class=\"muted\">(")
        .append(e.converted() ? "it converted" : "it did not convert").append("; average lead ")
        .append(String.format(Locale.ROOT, "%.1f %%", e.points().baseValue())).append(")</span></p>\n<ul>\n");
    for (Reason r : e.points().topReasons()) {
      h.append("<li class=\"up\">").append(esc(r.text())).append(String.format(Locale.ROOT, " (%+.1f pts)", r.contribution()))
          .append("</li>\n");
    }
    for (Reason r : e.points().risks()) {
      h.append("<li class=\"down\">").append(esc(r.text())).append(String.format(Locale.ROOT, " (%+.1f pts)",
          r.contribution())).append("</li>\n");
    }
    h.append("</ul>\n");
    e.move().ifPresent(m -> h.append("<p>&#10148; ").append(esc(m.sentence())).append("</p>\n"));
    h.append("</div>\n");
  }

  private static void sufficiency(StringBuilder h, DataSufficiency d) {
    h.append("<p>Verdict: <b>").append(esc(d.verdict().name())).append("</b> (").append(d.positives())
        .append(" converted, ").append(d.negatives()).append(" not).</p>\n");
    if (!d.warnings().isEmpty()) {
      h.append("<ul>\n");
      for (String w : d.warnings()) {
        h.append("<li class=\"warn\">").append(esc(w)).append("</li>\n");
      }
      h.append("</ul>\n");
    }
  }

  private static void model(StringBuilder h, TrainedModel m) {
    TrainingSummary s = m.summary();
    h.append("<p><code>").append(esc(m.modelId())).append("</code> version ").append(esc(m.artifactVersion()))
        .append(", L2 logistic regression on ").append(m.width()).append(" columns, lambda ")
        .append(esc(Evaluation.compact(m.lambda()))).append(" chosen by ").append(s.folds()).append("-fold ")
        .append(esc(s.selectionMetric().name().toLowerCase(Locale.ROOT).replace('_', ' '))).append(", ")
        .append(esc(m.calibrator().getClass().getSimpleName())).append(" calibration; schema fingerprint <code>")
        .append(esc(m.schema().fingerprint())).append("</code>.</p>\n");
    h.append("<table>\n<tr><th>Lambda</th><th>Out-of-fold log loss</th><th>Out-of-fold AUC</th><th>Brier</th>"
        + "<th>Newton iterations</th></tr>\n");
    for (TrainingSummary.LambdaScore l : s.crossValidation()) {
      boolean chosen = l.lambda() == m.lambda();
      h.append("<tr").append(chosen ? " style=\"font-weight:700\"" : "").append("><td>")
          .append(esc(Evaluation.compact(l.lambda()))).append(chosen ? " &#10003;" : "").append("</td><td>")
          .append(String.format(Locale.ROOT, "%.4f", l.logLoss())).append("</td><td>").append(f3(l.auc()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%.4f", l.brier())).append("</td><td>")
          .append(l.iterations()).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void img(StringBuilder h, String dataUri, String alt) {
    h.append("<img src=\"").append(dataUri).append("\" alt=\"").append(esc(alt)).append("\">\n");
  }

  private static String badge(Tier t) {
    return "<span class=\"tier\" style=\"background:" + Charts.tierColour(t) + "\">" + esc(t.label()) + "</span>";
  }

  private static String cut(double v) {
    return Double.isInfinite(v) ? "&infin; (empty)" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
  }

  private static String f3(double v) {
    return TextReport.f3(v);
  }

  /** HTML-escapes text for element content and attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
