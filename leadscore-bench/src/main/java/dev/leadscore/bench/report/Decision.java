package dev.leadscore.bench.report;

import dev.leadscore.model.eval.DataSufficiency;
import dev.leadscore.model.monitor.Monitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an evaluation recommends, for the people who act on it rather than analyse it: which
 * scorer to put in front of the sales team and why, and what to watch. The rules are kept when
 * the data check says {@link DataSufficiency.Verdict#INSUFFICIENT} (too few conversions to trust
 * a model), or when they rank leads at least as well as the model out of fold or on the
 * back-test's later leads; otherwise the model is recommended. Without a rule set the choice is
 * between the model and "start with rules". Warnings: a back-test whose predicted conversion
 * misses the observed one by more than {@link Monitor#OUTCOME_GAP} (relative), a back-test AUC well
 * below the cross-validated one, suspected label leakage, rejected rows. Immutable.
 *
 * @param scorer {@code "model"} or {@code "rules"}
 * @param headline one sentence, e.g. "Keep the rules for now."
 * @param reasons why, one sentence each
 * @param warnings what to watch, one sentence each (may be empty)
 */
public record Decision(String scorer, String headline, List<String> reasons, List<String> warnings) {
  /** AUC drop from cross-validation to the back-test that is worth a warning. */
  static final double AUC_DROP = 0.05;

  /** Copies the lists. */
  public Decision {
    reasons = List.copyOf(reasons);
    warnings = List.copyOf(warnings);
  }

  /** Whether the rules are recommended. */
  public boolean keepRules() {
    return scorer.equals("rules");
  }

  /** The recommendation for an evaluation. */
  public static Decision of(EvaluationResult r) {
    DataSufficiency d = r.sufficiency();
    boolean insufficient = d.verdict() == DataSufficiency.Verdict.INSUFFICIENT;
    double modelAuc = auc(r.model());
    List<String> reasons = new ArrayList<>();
    String scorer;
    String headline;
    if (r.rules() != null) {
      double rulesAuc = auc(r.rules());
      boolean rulesRankBetter = rulesAuc >= modelAuc;
      EvaluationResult.BackTestOutcome b = r.backTest();
      boolean rulesBetterLater = b != null && b.rules() != null && auc(b.rules()) >= auc(b.model());
      if (insufficient) {
        reasons.add(String.format(Locale.ROOT, "The data check says INSUFFICIENT: %d converted leads, where a"
            + " predictive model needs roughly %d-%d.", d.positives(), d.options().minPositives(),
            d.options().comfortablePositives()));
      }
      if (rulesRankBetter) {
        reasons.add(String.format(Locale.ROOT, "The rules rank leads at least as well as the model out of fold"
            + " (ROC AUC %.3f against %.3f).", rulesAuc, modelAuc));
      }
      if (rulesBetterLater) {
        reasons.add(String.format(Locale.ROOT, "On the back-test's later leads the rules rank at least as well"
            + " (ROC AUC %.3f against %.3f).", auc(b.rules()), auc(b.model())));
      }
      if (insufficient || rulesRankBetter || rulesBetterLater) {
        scorer = "rules";
        headline = "Keep the rules for now.";
        reasons.add("Evaluate again when more outcomes have accumulated.");
      } else {
        scorer = "model";
        headline = "Use the model.";
        reasons.add(String.format(Locale.ROOT, "It ranks leads better than the rules out of fold (ROC AUC %.3f"
            + " against %.3f)%s.", modelAuc, rulesAuc, b == null || b.rules() == null ? ""
                : String.format(Locale.ROOT, " and on the back-test's later leads (%.3f against %.3f)",
                    auc(b.model()), auc(b.rules()))));
        reasons.add("The data check says " + d.verdict() + (d.verdict() == DataSufficiency.Verdict.SUFFICIENT
            ? "." : ": expect wide confidence intervals and monitor it closely."));
      }
    } else if (insufficient) {
      scorer = "rules";
      headline = "Do not rely on the model yet: start with rules.";
      reasons.add(String.format(Locale.ROOT, "The data check says INSUFFICIENT: %d converted leads, where a predictive"
          + " model needs roughly %d-%d.", d.positives(), d.options().minPositives(), d.options().comfortablePositives()));
    } else {
      scorer = "model";
      headline = "Use the model.";
      reasons.add(String.format(Locale.ROOT, "Out of fold it reaches ROC AUC %.3f; no rule set was given to compare"
          + " it with.", modelAuc));
      reasons.add("The data check says " + d.verdict() + ".");
    }
    return new Decision(scorer, headline, reasons, warnings(r));
  }

  private static List<String> warnings(EvaluationResult r) {
    List<String> w = new ArrayList<>();
    EvaluationResult.BackTestOutcome b = r.backTest();
    if (b != null) {
      if (b.gapFlagged()) {
        w.add(String.format(Locale.ROOT, "Drift: on the back-test's later leads the model predicted %.1f %% conversion"
            + " but %.1f %% converted, a %.0f %% gap (over %.0f %%): its probabilities do not carry over in time;"
            + " retrain on recent leads and run 'monitor' on every new batch.", 100 * b.model().meanProbability(),
            100 * b.model().conversionRate(), 100 * b.relativeGap(), 100 * Monitor.OUTCOME_GAP));
      }
      double drop = b.crossValidatedAuc() - auc(b.model());
      if (drop >= AUC_DROP) {
        w.add(String.format(Locale.ROOT, "Drift: ranking weakens over time: ROC AUC %.3f on the later leads against"
            + " %.3f by random folds on the earlier ones.", auc(b.model()), b.crossValidatedAuc()));
      }
    }
    for (DataSufficiency.LeakageSuspect s : r.sufficiency().leakageSuspects()) {
      w.add(String.format(Locale.ROOT, "Column '%s' alone reaches ROC AUC %.3f: possible label leakage; review it.",
          s.column(), s.auc()));
    }
    if (r.dataset().rejected() > 0) {
      w.add(String.format(Locale.ROOT, "%d of %d rows could not be used; they are listed in the errors file.",
          r.dataset().rejected(), r.dataset().rowsRead()));
    }
    return w;
  }

  private static double auc(ScorerMetrics m) {
    return m.auc() == null ? Double.NaN : m.auc().estimate();
  }
}
