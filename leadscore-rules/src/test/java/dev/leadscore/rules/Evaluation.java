package dev.leadscore.rules;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Out-of-fold evaluation of a rule set: stratified K folds, the schema fitted on each fold's
 * training rows only (rules are not trained, but the schema's learned levels and imputations
 * are), every lead scored once by the fold that held it out.
 */
final class Evaluation {
  /** Out-of-fold 0–100 scores and raw points, per lead, and the per-fold AUCs of the scores. */
  record Result(double[] scores, double[] points, boolean[] converted, double[] foldAuc) {
    double meanFoldAuc() {
      double s = 0;
      for (double a : foldAuc) {
        s += a;
      }
      return s / foldAuc.length;
    }

    double pooledAuc() {
      return Auc.of(scores, converted);
    }

    double pooledPointsAuc() {
      return Auc.of(points, converted);
    }
  }

  private Evaluation() {}

  /** Fold of each lead: positives, then negatives, each shuffled with {@code seed} and dealt round-robin. */
  static int[] stratifiedFolds(boolean[] converted, int k, long seed) {
    int n = converted.length;
    int[] fold = new int[n];
    SplittableRandom r = new SplittableRandom(seed);
    int next = 0; // the negatives are dealt on from where the positives stopped, so fold sizes differ by at most one
    for (boolean cls : new boolean[] {true, false}) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (converted[i] == cls) {
          members.add(i);
        }
      }
      for (int i = members.size() - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        Integer t = members.get(i);
        members.set(i, members.get(j));
        members.set(j, t);
      }
      for (int i = 0; i < members.size(); i++) {
        fold[members.get(i)] = next;
        next = (next + 1) % k;
      }
    }
    return fold;
  }

  static Result crossValidate(RuleSet rules, FeatureSchema schema, List<LabelledLead> data, Instant asOf, int k, long seed) {
    int n = data.size();
    boolean[] converted = new boolean[n];
    for (int i = 0; i < n; i++) {
      converted[i] = data.get(i).converted();
    }
    int[] fold = stratifiedFolds(converted, k, seed);
    double[] scores = new double[n];
    double[] points = new double[n];
    double[] foldAuc = new double[k];
    for (int f = 0; f < k; f++) {
      List<Lead> train = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (fold[i] != f) {
          train.add(data.get(i).lead());
        }
      }
      FittedSchema fitted = schema.fit(train);
      RuleScorer scorer = RuleScorer.of(rules, fitted);
      List<Double> fs = new ArrayList<>();
      List<Boolean> fy = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (fold[i] == f) {
          RuleScore s = scorer.evaluate(data.get(i).lead(), asOf, Detail.SCORE_ONLY);
          scores[i] = s.score().score();
          points[i] = s.points();
          fs.add(scores[i]);
          fy.add(converted[i]);
        }
      }
      double[] a = new double[fs.size()];
      boolean[] y = new boolean[fs.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = fs.get(i);
        y[i] = fy.get(i);
      }
      foldAuc[f] = Auc.of(a, y);
    }
    return new Result(scores, points, converted, foldAuc);
  }

  /** Per tier: leads, share of pipeline, conversion rate, share of all conversions captured. */
  record TierRow(Tier tier, int leads, double share, double conversionRate, double captured) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-8s %6d leads  %5.1f %% of pipeline  converting %5.1f %%  %5.1f %% of conversions",
          tier.label(), leads, 100 * share, 100 * conversionRate, 100 * captured);
    }
  }

  static List<TierRow> tierTable(double[] scores, boolean[] converted, TierCutoffs cutoffs) {
    int[] count = new int[Tier.values().length];
    int[] conv = new int[Tier.values().length];
    int total = 0;
    for (int i = 0; i < scores.length; i++) {
      int t = cutoffs.tierOf(scores[i]).ordinal();
      count[t]++;
      if (converted[i]) {
        conv[t]++;
        total++;
      }
    }
    List<TierRow> rows = new ArrayList<>();
    for (Tier t : Tier.values()) {
      int c = count[t.ordinal()];
      rows.add(new TierRow(t, c, c / (double) scores.length, c == 0 ? 0 : conv[t.ordinal()] / (double) c,
          conv[t.ordinal()] / (double) total));
    }
    return rows;
  }
}
