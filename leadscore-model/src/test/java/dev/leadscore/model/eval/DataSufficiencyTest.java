package dev.leadscore.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DataSufficiencyTest {

  private static void assertMessage(String expectedPart, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expectedPart), "message was: " + e.getMessage());
  }

  private static final List<String> NAMES = List.of("visits", "visits_missing", "source=web", "source=missing",
      "country", "stage_won", "bounced");

  /**
   * n rows, the first {@code positives} converted. visits: noise; visits_missing: 1 on every
   * 4th row (25 %); source=web: noise; source=missing: 1 on 3 rows of 5 (60 %); country: always
   * 7 (constant); stage_won: equals the label (leak, AUC 1); bounced: the opposite (AUC 0).
   */
  private static double[][] matrix(int n, boolean[] y, int positives) {
    SplittableRandom r = new SplittableRandom(3);
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      y[i] = i < positives;
      x[i] = new double[] {r.nextInt(20), i % 4 == 0 ? 1 : 0, r.nextInt(2), i % 5 < 3 ? 1 : 0, 7,
          y[i] ? 1 : 0, y[i] ? 0 : 1};
    }
    return x;
  }

  @Test
  void reportsVolumeMissingConstantsAndLeakage() {
    boolean[] y = new boolean[1000];
    double[][] x = matrix(1000, y, 120);
    DataSufficiency d = DataSufficiency.assess(x, NAMES, y);
    assertEquals(1000, d.rows());
    assertEquals(120, d.positives());
    assertEquals(880, d.negatives());
    assertEquals(0.12, d.positiveRate());
    assertEquals(DataSufficiency.Verdict.INSUFFICIENT, d.verdict());
    assertEquals(List.of(new DataSufficiency.MissingRate("visits", "visits_missing", 0.25),
        new DataSufficiency.MissingRate("source", "source=missing", 0.6)), d.missingRates());
    assertEquals(List.of("country"), d.constantColumns());
    assertEquals(List.of(new DataSufficiency.LeakageSuspect("stage_won", 1.0),
        new DataSufficiency.LeakageSuspect("bounced", 0.0)), d.leakageSuspects());
    List<String> w = d.warnings();
    assertTrue(w.get(0).startsWith("only 120 converted leads (fewer than 300): predictive scoring needs roughly"
        + " 300-500; prefer the rule baseline"), w.get(0));
    assertTrue(w.get(1).contains("column 'stage_won' alone has ROC AUC 1.000: possible label leakage"), w.get(1));
    assertTrue(w.get(2).contains("'bounced' alone has ROC AUC 0.000"), w.get(2));
    assertEquals("feature 'source' is missing in 60.0% of rows", w.get(3));
    assertEquals("constant columns carry no information: country", w.get(4));
    assertEquals(5, w.size());
    assertTrue(d.hasWarnings());
    String text = d.toString();
    assertTrue(text.startsWith("Data sufficiency: INSUFFICIENT\n  rows 1000, converted 120 (12.0%), not converted 880"),
        text);
    assertTrue(text.contains("stage_won"), text);
  }

  @Test
  void verdictFollowsThe300To500Rule() {
    List<String> one = List.of("noise");
    for (int[] c : new int[][] {{299, 0}, {300, 1}, {499, 1}, {500, 2}}) {
      int n = 2000;
      boolean[] y = new boolean[n];
      double[][] x = new double[n][];
      for (int i = 0; i < n; i++) {
        y[i] = i < c[0];
        x[i] = new double[] {i % 3};
      }
      DataSufficiency d = DataSufficiency.assess(x, one, y);
      assertEquals(DataSufficiency.Verdict.values()[c[1]], d.verdict(), c[0] + " positives");
      assertEquals(c[1] == 2, !d.hasWarnings(), d.toString());
    }
  }

  @Test
  void theScarcerClassDecides() {
    // 95 % convert: only 50 non-converted leads.
    boolean[] y = new boolean[1000];
    double[][] x = new double[1000][];
    for (int i = 0; i < 1000; i++) {
      y[i] = i >= 50;
      x[i] = new double[] {i % 2};
    }
    DataSufficiency d = DataSufficiency.assess(x, List.of("a"), y);
    assertEquals(DataSufficiency.Verdict.INSUFFICIENT, d.verdict());
    assertTrue(d.warnings().get(0).startsWith("only 50 non-converted leads"), d.warnings().get(0));
  }

  @Test
  void leakageOnEnoughDataMakesTheVerdictMarginal() {
    boolean[] y = new boolean[2000];
    double[][] x = matrix(2000, y, 800);
    DataSufficiency d = DataSufficiency.assess(x, NAMES, y);
    assertEquals(DataSufficiency.Verdict.MARGINAL, d.verdict());
    // The strictest threshold (0.5: only AUC exactly 0 or 1) still catches both leaks; a high
    // missing-rate threshold of 0.9 silences the 60 % warning.
    DataSufficiency strict = DataSufficiency.assess(x, NAMES, y, new DataSufficiency.Options(300, 500, 0.5, 0.9));
    assertEquals(2, strict.leakageSuspects().size());
    assertFalse(strict.warnings().stream().anyMatch(s -> s.contains("missing in")), strict.toString());
  }

  @Test
  void missingRatesFromAMask() {
    double[][] x = {{1, 2}, {3, 4}, {5, 6}, {7, 9}};
    boolean[][] mask = {{true, false}, {false, false}, {true, false}, {true, false}};
    DataSufficiency d = DataSufficiency.assess(x, List.of("a", "b"), new boolean[] {true, false, true, false}, mask,
        DataSufficiency.Options.defaults());
    assertEquals(List.of(new DataSufficiency.MissingRate("a", "a", 0.75), new DataSufficiency.MissingRate("b", "b", 0.0)),
        d.missingRates());
    assertTrue(d.warnings().contains("feature 'a' is missing in 75.0% of rows"), d.warnings().toString());
    assertMessage("missingMask[1] must have 2 columns, got 1", () -> DataSufficiency.assess(x, List.of("a", "b"),
        new boolean[4], new boolean[][] {{true, true}, {true}, {true, true}, {true, true}},
        DataSufficiency.Options.defaults()));
    assertMessage("got 1 mask rows for 4 rows", () -> DataSufficiency.assess(x, List.of("a", "b"), new boolean[4],
        new boolean[][] {{true, true}}, DataSufficiency.Options.defaults()));
  }

  @Test
  void singleClassSkipsLeakageButStillReports() {
    double[][] x = {{0}, {1}};
    DataSufficiency d = DataSufficiency.assess(x, List.of("a"), new boolean[] {false, false});
    assertEquals(0, d.positives());
    assertTrue(d.leakageSuspects().isEmpty());
    assertEquals(DataSufficiency.Verdict.INSUFFICIENT, d.verdict());
  }

  @Test
  void validatesTheMatrix() {
    assertMessage("0 rows", () -> DataSufficiency.assess(new double[0][], List.of(), new boolean[0]));
    assertMessage("x[1] must have 2 columns (one per name), got 1",
        () -> DataSufficiency.assess(new double[][] {{1, 2}, {3}}, List.of("a", "b"), new boolean[2]));
    assertMessage("x[0][1] (column 'b') must be finite, got NaN",
        () -> DataSufficiency.assess(new double[][] {{1, Double.NaN}}, List.of("a", "b"), new boolean[1]));
    assertMessage("got 'a' twice", () -> DataSufficiency.assess(new double[][] {{1, 2}}, List.of("a", "a"), new boolean[1]));
    assertMessage("got 1 rows and 2 labels", () -> DataSufficiency.assess(new double[][] {{1}}, List.of("a"), new boolean[2]));
    assertMessage("minPositives must be at least 1", () -> new DataSufficiency.Options(0, 500, 0.45, 0.5));
    assertMessage("comfortablePositives must be at least minPositives", () -> new DataSufficiency.Options(300, 200, 0.45, 0.5));
    assertMessage("leakageAucDistance must be in (0, 0.5]", () -> new DataSufficiency.Options(300, 500, 0.6, 0.5));
    assertMessage("highMissingRate must be in (0, 1]", () -> new DataSufficiency.Options(300, 500, 0.45, 0));
  }

  @Test
  void recognisesMissingIndicatorNames() {
    assertEquals("age", DataSufficiency.missingFeature("age_missing"));
    assertEquals("source", DataSufficiency.missingFeature("source=missing"));
    assertEquals(null, DataSufficiency.missingFeature("_missing"));
    assertEquals(null, DataSufficiency.missingFeature("missing_age"));
    assertEquals(null, DataSufficiency.missingFeature("source=web"));
  }

  @Test
  void leakageSuspectsAreExactlyTheColumnsFarFromHalf() {
    Gen<Integer> sizes = Gen.ints(2, 40);
    PropertyCheck.forAll(300, sizes, n -> {
      SplittableRandom r = new SplittableRandom(n);
      boolean[] y = new boolean[n];
      double[][] x = new double[n][3];
      for (int i = 0; i < n; i++) {
        y[i] = i % 2 == 0;
        x[i][0] = r.nextInt(3);
        x[i][1] = y[i] ? 1 + r.nextInt(2) : -r.nextInt(2);
        x[i][2] = r.nextDouble();
      }
      List<String> names = List.of("a", "b", "c");
      DataSufficiency d = DataSufficiency.assess(x, names, y);
      for (int j = 0; j < 3; j++) {
        double[] col = new double[n];
        for (int i = 0; i < n; i++) {
          col[i] = x[i][j];
        }
        String name = names.get(j);
        boolean constant = d.constantColumns().contains(name);
        boolean suspect = d.leakageSuspects().stream().anyMatch(s -> s.column().equals(name));
        if (!constant) {
          double auc = Metrics.rocAuc(col, y);
          assertEquals(Math.abs(auc - 0.5) >= DataSufficiency.DEFAULT_LEAKAGE_AUC_DISTANCE, suspect, name + " auc " + auc);
        } else {
          assertFalse(suspect);
        }
      }
      assertTrue(d.leakageSuspects().stream().anyMatch(s -> s.column().equals("b")), "b separates the classes");
    });
  }
}
