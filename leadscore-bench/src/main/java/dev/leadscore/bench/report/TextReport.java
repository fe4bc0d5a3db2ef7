package dev.leadscore.bench.report;

import dev.leadscore.core.Reason;
import dev.leadscore.explain.Importance;
import dev.leadscore.model.eval.DataSufficiency;
import dev.leadscore.model.eval.Interval;
import dev.leadscore.model.eval.LiftCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The human-readable tables of an {@link EvaluationResult}, for a terminal. Stateless. */
public final class TextReport {
  private TextReport() {}

  /** The full report: data, metrics side by side, tier tables, back-test, data check, importance, examples. */
  public static String of(EvaluationResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(decision(Decision.of(r))).append('\n');
    sb.append(dataset(r)).append('\n');
    sb.append(headline(r)).append('\n');
    sb.append(tierTables(r));
    if (r.backTest() != null) {
      sb.append('\n').append(backTest(r.backTest()));
    }
    sb.append('\n').append(sufficiency(r.sufficiency()));
    sb.append('\n').append(importance(r.importance(), 10));
    sb.append('\n').append(ModelChoices.text(r));
    for (EvaluationResult.Example e : r.examples()) {
      sb.append('\n').append(example(e));
    }
    return sb.toString();
  }

  /** The recommendation, its reasons and the warnings. */
  public static String decision(Decision d) {
    StringBuilder sb = new StringBuilder();
    sb.append("Decision  ").append(d.headline()).append('\n');
    for (String reason : d.reasons()) {
      sb.append(wrap("  - ", reason, 100));
    }
    for (String w : d.warnings()) {
      sb.append(wrap("  ! ", w, 100));
    }
    return sb.toString();
  }

  /** What was evaluated, in a few lines. */
  public static String dataset(EvaluationResult r) {
    EvaluationResult.Dataset d = r.dataset();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Data      %s: %d leads, %d converted = %.1f %%%s%n", d.name(), d.leads(),
        d.positives(), 100 * d.conversionRate(), d.rejected() == 0 ? ""
            : String.format(Locale.ROOT, " (%d of %d rows rejected: see the errors file)", d.rejected(), d.rowsRead())));
    sb.append(String.format(Locale.ROOT, "Schema    %s v%d: %d features -> %d columns; %s%n",
        d.schemaName(), d.schemaVersion(), d.features(), d.columns(), d.asOfText()));
    if (d.rulesName() != null) {
      sb.append(String.format(Locale.ROOT, "Rules     %s%n", d.rulesName()));
    }
    sb.append(wrap("Protocol  ", r.protocol(), 100));
    for (String w : r.finalModel().summary().warnings()) {
      sb.append(wrap("Warning   ", w, 100));
    }
    return sb.toString();
  }

  /** The metrics of rules and model side by side (model only without rules). */
  public static String headline(EvaluationResult r) {
    return sideBySide("Cross-validated (out-of-fold) quality", r.rules(), r.model(), r.oracleAuc(),
        "each fold's training leads");
  }

  static String sideBySide(String title, ScorerMetrics rules, ScorerMetrics model, Double oracleAuc,
      String calibratedOn) {
    List<ScorerMetrics> cols = new ArrayList<>();
    if (rules != null) {
      cols.add(rules);
    }
    cols.add(model);
    StringBuilder sb = new StringBuilder(title).append('\n');
    String fmt = "  %-30s" + "%-24s".repeat(cols.size()) + "%n";
    Object[] head = new Object[cols.size() + 1];
    head[0] = "";
    for (int i = 0; i < cols.size(); i++) {
      head[i + 1] = cols.get(i).name();
    }
    sb.append(String.format(Locale.ROOT, fmt, head).stripTrailing()).append('\n');
    row(sb, fmt, "ROC AUC [95 % CI]", cols, m -> auc(m.auc()));
    row(sb, fmt, "Average precision", cols, m -> f3(m.averagePrecision()));
    row(sb, fmt, "Brier score", cols, m -> f3(m.brier()));
    row(sb, fmt, "Log loss", cols, m -> f3(m.logLoss()));
    row(sb, fmt, "ECE (10 bins)", cols, m -> f3(m.ece()));
    for (int k = 0; k < ScorerMetrics.LIFT_SHARES.length; k++) {
      int idx = k;
      row(sb, fmt, "Top " + Evaluation.percent(ScorerMetrics.LIFT_SHARES[k]) + ": lift, capture", cols,
          m -> m.lifts().size() > idx ? lift(m.lifts().get(idx)) : "n/a");
    }
    row(sb, fmt, "Mean predicted / observed", cols, m -> String.format(Locale.ROOT, "%.1f %% / %.1f %%",
        100 * m.meanProbability(), 100 * m.conversionRate()));
    if (oracleAuc != null) {
      sb.append(String.format(Locale.ROOT, "  %-30s%.3f (the true probabilities: the best any model can do)%n",
          "Oracle ROC AUC", oracleAuc));
    }
    if (rules != null) {
      sb.append("  (rule points are ranks, not probabilities: their Brier, log loss and ECE use a Platt curve fitted"
          + " on " + calibratedOn + ")\n");
    }
    return sb.toString();
  }

  private interface Cell {
    String of(ScorerMetrics m);
  }

  private static void row(StringBuilder sb, String fmt, String label, List<ScorerMetrics> cols, Cell cell) {
    Object[] v = new Object[cols.size() + 1];
    v[0] = label;
    for (int i = 0; i < cols.size(); i++) {
      v[i + 1] = cell.of(cols.get(i));
    }
    sb.append(String.format(Locale.ROOT, fmt, v).stripTrailing()).append('\n');
  }

  /** The tier tables of model and rules. */
  public static String tierTables(EvaluationResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("Tier table, model (out-of-fold scores; cut-offs fitted on them)\n");
    sb.append(indent(r.model().tiers().toString())).append('\n');
    if (r.rules() != null) {
      sb.append("\nTier table, rules (same tier policy on the rules' out-of-fold scores)\n");
      sb.append(indent(r.rules().tiers().toString())).append('\n');
    }
    return sb.toString();
  }

  /** The back-test, side by side. */
  public static String backTest(EvaluationResult.BackTestOutcome b) {
    StringBuilder sb = new StringBuilder();
    sb.append(sideBySide("Time-ordered back-test (" + b.split() + ")", b.rules(), b.model(), null,
        "the earlier leads"));
    sb.append(String.format(Locale.ROOT, "  model's random-fold AUC on the earlier leads: %.3f", b.crossValidatedAuc()));
    if (!Double.isNaN(b.lambda())) {
      sb.append(String.format(Locale.ROOT, "; lambda chosen on them: %s, %s", Evaluation.compact(b.lambda()),
          "FORWARD_CHAINING".equals(b.foldScheme()) ? "chosen by forward chaining on the earlier leads" : "on random folds"));
    }
    sb.append(System.lineSeparator());
    for (String w : b.warnings()) {
      sb.append(wrap("  warning: ", w, 100));
    }
    if (b.gapFlagged()) {
      sb.append(String.format(Locale.ROOT, "  WARNING: predicted %.1f %% against %.1f %% observed on the later leads,"
          + " a %.0f %% gap (over %.0f %%): retrain on recent leads and monitor%n", 100 * b.model().meanProbability(),
          100 * b.model().conversionRate(), 100 * b.relativeGap(),
          100 * dev.leadscore.model.monitor.Monitor.OUTCOME_GAP));
    }
    return sb.toString();
  }

  /** The data-sufficiency verdict and warnings. */
  public static String sufficiency(DataSufficiency d) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Data check: %s (%d converted, %d not)%n", d.verdict(), d.positives(),
        d.negatives()));
    for (String w : d.warnings()) {
      sb.append(wrap("  - ", w, 100));
    }
    return sb.toString();
  }

  /** The top features by mean |SHAP|. */
  public static String importance(List<Importance> importance, int top) {
    StringBuilder sb = new StringBuilder("Global importance of the final model (mean |SHAP|, log-odds)\n");
    for (Importance i : importance.subList(0, Math.min(top, importance.size()))) {
      sb.append(String.format(Locale.ROOT, "  %-34s %-13s %6.3f%n", i.feature(), i.family(),
          i.meanAbsContribution()));
    }
    return sb.toString();
  }

  /** One explained lead. */
  public static String example(EvaluationResult.Example e) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Example %s lead %s: probability %.1f %%, score %.0f -> %s (%s)%s%n",
        e.score().tier().label(), e.score().leadId(), 100 * e.score().probability(), e.score().score(),
        e.score().tier().label(), e.score().tier().action(), e.converted() ? "; it converted" : "; it did not convert"));
    for (Reason r : e.points().topReasons()) {
      sb.append(String.format(Locale.ROOT, "  + %-70s %+6.1f pts%n", r.text(), r.contribution()));
    }
    for (Reason r : e.points().risks()) {
      sb.append(String.format(Locale.ROOT, "  - %-70s %+6.1f pts%n", r.text(), r.contribution()));
    }
    e.move().ifPresent(m -> sb.append("  > ").append(m.sentence()).append('\n'));
    return sb.toString();
  }

  static String auc(Interval i) {
    return i == null ? "n/a" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", i.estimate(), i.lower(), i.upper());
  }

  static String lift(LiftCapture l) {
    return String.format(Locale.ROOT, "%.2f, %.1f %%", l.lift(), 100 * l.capture());
  }

  static String f3(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** Every line of the block indented by two spaces. */
  public static String indent(String block) {
    return block.lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  static String wrap(String prefix, String text, int width) {
    StringBuilder sb = new StringBuilder();
    StringBuilder line = new StringBuilder(prefix);
    String pad = " ".repeat(prefix.length());
    for (String word : text.split(" ")) {
      if (line.length() + word.length() + 1 > width && line.length() > prefix.length()) {
        sb.append(line.toString().stripTrailing()).append('\n');
        line = new StringBuilder(pad);
      }
      line.append(word).append(' ');
    }
    sb.append(line.toString().stripTrailing()).append('\n');
    return sb.toString();
  }
}
