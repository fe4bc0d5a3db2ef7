package dev.leadscore.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
import dev.leadscore.model.eval.DataSufficiency;
import dev.leadscore.model.eval.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The report's decision, the back-test's gap flag, the data check's structural columns, the
 * direction of effects and the precision-recall points, on hand-made inputs.
 */
class DecisionAndChartsTest {
  static final TierCutoffs CUTS = TierCutoffs.of(70, 40, 15);

  /** Scores that rank positives above negatives with some overlap; probabilities = score / 100. */
  static ScorerMetrics metrics(String name, boolean[] y, double separation, long seed, double meanShift) {
    Random r = new Random(seed);
    double[] s = new double[y.length];
    double[] p = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      s[i] = Math.max(0, Math.min(100, 30 + (y[i] ? separation : 0) + 15 * r.nextGaussian()));
      p[i] = Math.max(0.001, Math.min(0.999, s[i] / 100 + meanShift));
    }
    return ScorerMetrics.of(name, name, s, p, y, CUTS, 50, seed);
  }

  /** Every lead predicted at {@code p}, scored by its index. */
  static ScorerMetrics constant(boolean[] y, double p) {
    double[] s = new double[y.length];
    double[] prob = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      s[i] = 100.0 * i / y.length;
      prob[i] = p;
    }
    return ScorerMetrics.of("model", "model", s, prob, y, CUTS, 50, 1);
  }

  static boolean[] labels(int n, int positives) {
    boolean[] y = new boolean[n];
    for (int i = 0; i < positives; i++) {
      y[i * n / positives] = true;
    }
    return y;
  }

  static DataSufficiency check(boolean[] y) {
    double[][] x = new double[y.length][1];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = i % 7;
    }
    return DataSufficiency.assess(x, List.of("f"), y);
  }

  static EvaluationResult result(boolean[] y, ScorerMetrics model, ScorerMetrics rules,
      EvaluationResult.BackTestOutcome backTest) {
    int positives = 0;
    for (boolean b : y) {
      positives += b ? 1 : 0;
    }
    EvaluationResult.Dataset d = new EvaluationResult.Dataset("test", y.length, 0, y.length, positives, Instant.EPOCH,
        "s", 1, "fp", 1, 1, rules == null ? null : "rules v1", false);
    return new EvaluationResult(d, "protocol", model, rules, backTest, null, List.of(), List.of(), check(y), null, 0);
  }

  @Test
  void keepsTheRulesWhenTheDataCheckSaysInsufficientEvenIfTheModelRanksBetter() {
    boolean[] y = labels(800, 200);
    EvaluationResult r = result(y, metrics("model", y, 40, 1, 0), metrics("rules", y, 10, 2, 0), null);
    assertEquals(DataSufficiency.Verdict.INSUFFICIENT, r.sufficiency().verdict());
    Decision d = Decision.of(r);
    assertTrue(d.keepRules());
    assertEquals("Keep the rules for now.", d.headline());
    assertTrue(d.reasons().get(0).contains("INSUFFICIENT"), d.reasons().toString());
    assertFalse(d.reasons().stream().anyMatch(s -> s.contains("rank leads at least as well")), "the model ranks better");
  }

  @Test
  void keepsTheRulesWhenTheyRankBetterAndUsesTheModelWhenItDoes() {
    boolean[] y = labels(2000, 600);
    ScorerMetrics strong = metrics("model", y, 40, 1, 0);
    ScorerMetrics weak = metrics("rules", y, 10, 2, 0);
    Decision model = Decision.of(result(y, strong, weak, null));
    assertEquals("model", model.scorer());
    assertEquals("Use the model.", model.headline());
    assertTrue(model.warnings().isEmpty(), model.warnings().toString());
    ScorerMetrics weakModel = metrics("model", y, 10, 1, 0);
    ScorerMetrics strongRules = metrics("rules", y, 40, 2, 0);
    Decision rules = Decision.of(result(y, weakModel, strongRules, null));
    assertTrue(rules.keepRules());
    assertTrue(rules.reasons().stream().anyMatch(s -> s.contains("rank leads at least as well")), rules.toString());
    Decision noRules = Decision.of(result(y, strong, null, null));
    assertEquals("Use the model.", noRules.headline());
  }

  @Test
  void theBackTestGapIsFlaggedAboveTwentyPercentRelative() {
    boolean[] y = labels(1000, 200); // 20 % convert
    ScorerMetrics over = constant(y, 0.16); // |0.20 - 0.16| / 0.16 = 25 %
    ScorerMetrics under = constant(y, 0.17); // 17.6 %
    ScorerMetrics atThreshold = constant(y, 0.25); // |0.20 - 0.25| / 0.25 = 20 %, not over it
    EvaluationResult.BackTestOutcome flagged = new EvaluationResult.BackTestOutcome("s", 1, 1000, over, null, 0.8, 1, null, List.of());
    EvaluationResult.BackTestOutcome fine = new EvaluationResult.BackTestOutcome("s", 1, 1000, under, null, 0.8, 1, null, List.of());
    EvaluationResult.BackTestOutcome edge = new EvaluationResult.BackTestOutcome("s", 1, 1000, atThreshold, null, 0.8,
        1, null, List.of());
    assertEquals(0.25, flagged.relativeGap(), 1e-9);
    assertTrue(flagged.gapFlagged());
    assertEquals(0.03 / 0.17, fine.relativeGap(), 1e-9);
    assertFalse(fine.gapFlagged());
    assertEquals(0.2, edge.relativeGap(), 1e-9);
    assertFalse(edge.gapFlagged());
    Decision d = Decision.of(result(labels(2000, 600), metrics("model", labels(2000, 600), 40, 1, 0),
        null, flagged));
    assertTrue(d.warnings().stream().anyMatch(w -> w.startsWith("Drift: on the back-test's later leads")),
        d.warnings().toString());
    String text = TextReport.backTest(flagged);
    assertTrue(text.contains("WARNING: predicted"), text);
    assertFalse(TextReport.backTest(fine).contains("WARNING"));
  }

  @Test
  void theDataCheckIgnoresStructuralColumnsLeftEmptyButNotAGenuinelyConstantOne() {
    FeatureSchema schema = FeatureSchema.fromJson("{\"name\": \"t\", \"version\": 1, \"features\": ["
        + "{\"kind\": \"categorical\", \"name\": \"source\", \"family\": \"firmographic\", \"attribute\": \"source\"},"
        + "{\"kind\": \"numeric\", \"name\": \"size\", \"family\": \"firmographic\", \"attribute\": \"size\","
        + " \"missingFlag\": true},"
        + "{\"kind\": \"numeric\", \"name\": \"flat\", \"family\": \"firmographic\", \"attribute\": \"flat\"}]}");
    List<LabelledLead> leads = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      leads.add(new LabelledLead(Lead.builder("L" + i).text("source", i % 2 == 0 ? "web" : "event")
          .number("size", 10 + i).number("flat", 3).build(), i % 3 == 0));
    }
    FittedSchema fitted = schema.fit(leads.stream().map(LabelledLead::lead).toList());
    List<double[]> rows = new ArrayList<>();
    boolean[] y = new boolean[leads.size()];
    for (int i = 0; i < y.length; i++) {
      rows.add(fitted.extract(leads.get(i).lead(), Instant.EPOCH));
      y[i] = leads.get(i).converted();
    }
    List<String> names = fitted.columns().stream().map(Column::name).toList();
    assertTrue(names.containsAll(List.of("source=other", "source=missing", "size_missing")), names.toString());
    DataSufficiency all = DataSufficiency.assess(rows.toArray(new double[0][]), names, y);
    assertTrue(all.constantColumns().containsAll(List.of("source=other", "source=missing", "size_missing", "flat")),
        "the library's own check lists them all: " + all.constantColumns());
    DataSufficiency d = Evaluation.dataCheck(fitted, rows, y);
    assertEquals(List.of("flat"), d.constantColumns());
    assertTrue(d.warnings().stream().anyMatch(w -> w.contains("constant columns carry no information: flat")),
        d.warnings().toString());
  }

  @Test
  void directionsFollowTheWeights() {
    SyntheticData data = SyntheticPipeline.builder().size(400).seed(9).build().generate();
    TrainedModel m = new ModelTrainer().train(SyntheticPipeline.defaultSchema(), data.leads(), data.asOf(),
        TrainingOptions.builder().lambdas(1.0).folds(3).build());
    Map<String, Effects.Effect> effects = Effects.of(m);
    double[] w = m.rawWeights();
    int checked = 0;
    for (String feature : effects.keySet()) {
      List<Column> cols = m.columns().stream().filter(c -> c.feature().equals(feature)).toList();
      List<Column> values = cols.stream().filter(c -> c.role() == Column.Role.VALUE).toList();
      boolean plain = values.size() == 1 && cols.stream().noneMatch(c -> c.role() == Column.Role.BASIS);
      if (plain) {
        double wj = w[values.get(0).index()];
        assertEquals((int) Math.signum(wj), effects.get(feature).sign(), feature + " weight " + wj);
        checked++;
      } else if (cols.stream().allMatch(c -> c.role() == Column.Role.LEVEL)) {
        Column best = cols.stream().max((a, b) -> Double.compare(w[a.index()], w[b.index()])).orElseThrow();
        assertTrue(effects.get(feature).text().startsWith("best: " + best.level()), effects.get(feature).text());
        checked++;
      }
    }
    assertTrue(checked > 10, "checked " + checked);
  }

  @Test
  void precisionRecallPointsByHandAndTheirStepAreaIsTheAveragePrecision() {
    double[][] p = Charts.prPoints(new double[] {0.9, 0.8, 0.8, 0.3}, new boolean[] {true, false, true, false});
    assertArrayEquals(new double[] {0.5, 1.0, 1.0}, p[0], 1e-12);
    assertArrayEquals(new double[] {1.0, 2.0 / 3, 0.5}, p[1], 1e-12);
    Gen<double[][]> cases = r -> {
      int n = 2 + r.nextInt(50);
      double[][] c = new double[2][n];
      for (int i = 0; i < n; i++) {
        c[0][i] = r.nextInt(6);
        c[1][i] = i == 0 || r.nextBoolean() ? 1 : 0;
      }
      return c;
    };
    PropertyCheck.forAll(300, cases, c -> {
      boolean[] y = new boolean[c[1].length];
      for (int i = 0; i < y.length; i++) {
        y[i] = c[1][i] == 1;
      }
      double[][] pts = Charts.prPoints(c[0], y);
      double area = 0;
      double prev = 0;
      for (int k = 0; k < pts[0].length; k++) {
        area += (pts[0][k] - prev) * pts[1][k];
        prev = pts[0][k];
      }
      assertEquals(1.0, prev, 1e-12, "ends at full recall");
      assertEquals(Metrics.averagePrecision(c[0], y), area, 1e-12, Arrays.toString(c[0]));
    });
  }
}
