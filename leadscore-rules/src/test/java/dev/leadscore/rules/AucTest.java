package dev.leadscore.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluation helpers: exact AUC with ties, stratified folds. */
class AucTest {
  @Test
  void handComputed() {
    assertEquals(0.75, Auc.of(new double[] {1, 2, 3, 4}, new boolean[] {false, true, false, true}));
    assertEquals(0.75, Auc.of(new double[] {1, 1, 2}, new boolean[] {true, false, true}), "a tie counts one half");
    assertEquals(0.5, Auc.of(new double[] {7, 7, 7, 7}, new boolean[] {true, false, true, false}));
    assertEquals(1.0, Auc.of(new double[] {0, 1}, new boolean[] {false, true}));
    assertEquals(0.0, Auc.of(new double[] {0, 1}, new boolean[] {true, false}));
    assertThrows(IllegalArgumentException.class, () -> Auc.of(new double[] {1, 2}, new boolean[] {true, true}));
  }

  @Test
  void equalsTheBruteForcePairCount() {
    Gen<List<Integer>> scores = Gen.lists(Gen.ints(0, 6), 2, 40);
    PropertyCheck.forAll(500, scores, s -> {
      int n = s.size();
      double[] x = new double[n];
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        x[i] = s.get(i);
        y[i] = (s.get(i) * 31 + i * 17) % 3 == 0;
      }
      y[0] = true;
      y[1] = false;
      double wins = 0;
      long pairs = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (y[i] && !y[j]) {
            pairs++;
            wins += x[i] > x[j] ? 1 : x[i] == x[j] ? 0.5 : 0;
          }
        }
      }
      assertEquals(wins / pairs, Auc.of(x, y), 1e-12);
    });
  }

  @Test
  void foldsAreStratified() {
    boolean[] y = new boolean[103];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 4 == 0;
    }
    int[] fold = Evaluation.stratifiedFolds(y, 5, 42);
    int[] pos = new int[5];
    int[] all = new int[5];
    for (int i = 0; i < y.length; i++) {
      all[fold[i]]++;
      pos[fold[i]] += y[i] ? 1 : 0;
    }
    for (int f = 0; f < 5; f++) {
      assertEquals(26 / 5.0, pos[f], 1.0, "positives in fold " + f);
      assertEquals(103 / 5.0, all[f], 1.0, "leads in fold " + f);
    }
  }
}
