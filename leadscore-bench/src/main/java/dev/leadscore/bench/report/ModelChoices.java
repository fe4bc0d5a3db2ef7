package dev.leadscore.bench.report;

import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.InteractionFeature;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What training chose, for the report and the evaluation JSON: lambda, the numeric features'
 * bases (knots), the pairwise products kept (in the final model and in each fold), whether the
 * rules were the prior, and each basis feature's learned curve. Stateless.
 */
final class ModelChoices {
  private ModelChoices() {}

  /**
   * One feature's learned shape: its contribution to the log-odds (relative to the first point) at
   * a few values in transformed units: a little below the first knot, at each knot, a little above
   * the last.
   */
  record Curve(String feature, double[] at, double[] logOdds) {}

  /** The learned curve of every numeric feature with a basis of hinges. */
  static List<Curve> curves(TrainedModel m) {
    FittedSchema s = m.schema();
    double[] w = m.rawWeights();
    List<Curve> out = new ArrayList<>();
    for (Column c : s.columns()) {
      List<Double> knots = s.knots(c.feature());
      if (c.role() != Column.Role.VALUE || knots.isEmpty() || !s.columns().stream()
          .anyMatch(b -> b.role() == Column.Role.BASIS && b.feature().equals(c.feature()))) {
        continue;
      }
      int k = knots.size();
      double step = k > 1 ? (knots.get(k - 1) - knots.get(0)) / k : 1.0;
      double[] at = new double[k + 2];
      at[0] = knots.get(0) - step;
      for (int i = 0; i < k; i++) {
        at[i + 1] = knots.get(i);
      }
      at[k + 1] = knots.get(k - 1) + step;
      double[] y = new double[at.length];
      for (int p = 0; p < at.length; p++) {
        double v = w[c.index()] * at[p];
        for (int h = 0; h < k; h++) {
          v += w[s.columnIndex(c.feature() + "_h" + (h + 1))] * Math.max(0.0, at[p] - knots.get(h));
        }
        y[p] = v;
      }
      for (int p = at.length - 1; p >= 0; p--) {
        y[p] -= y[0];
      }
      out.add(new Curve(c.feature(), at, y));
    }
    return out;
  }

  /** The final model's pairs, {@code "left x right"} by column names. */
  static List<String> pairs(TrainedModel m) {
    List<String> out = new ArrayList<>();
    for (InteractionFeature p : m.schema().pairs()) {
      out.add(p.left() + " x " + p.right());
    }
    return out;
  }

  static List<List<String>> pairsByFold(TrainedModel m) {
    return m.summary().outOfFold().map(TrainingSummary.OutOfFold::pairsByFold).orElse(List.of());
  }

  /** The choices as text lines, for the printed report. */
  static String text(EvaluationResult r) {
    TrainedModel m = r.finalModel();
    StringBuilder sb = new StringBuilder("Model choices (fitted inside each fold; final model on all leads)\n");
    sb.append(String.format(Locale.ROOT, "  lambda %s (by %s-fold cross-validation); prior: %s%n", TextReport.f3(m.lambda()),
        m.summary().folds(), r.dataset().rulesName() == null ? "none" : "the rules " + r.dataset().rulesName()
            + " (penalty centred on their weights)"));
    for (Curve c : curves(m)) {
      sb.append(String.format(Locale.ROOT, "  curve %-28s", c.feature()));
      for (int p = 0; p < c.at().length; p++) {
        sb.append(String.format(Locale.ROOT, " %.3g:%+.2f", c.at()[p], c.logOdds()[p]));
      }
      sb.append('\n');
    }
    sb.append("  pairs (final model): ").append(pairs(m).isEmpty() ? "none" : String.join("; ", pairs(m))).append('\n');
    List<List<String>> folds = pairsByFold(m);
    for (int k = 0; k < folds.size(); k++) {
      sb.append("    fold ").append(k + 1).append(": ").append(folds.get(k).isEmpty() ? "none" : String.join("; ",
          folds.get(k))).append('\n');
    }
    return sb.toString();
  }
}
