package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.BooleanFeature;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.eval.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What training chooses and how: the indicator columns of a schema, forward-chaining validation
 * for leads in time order, the warning and fallback when conversions are too few for the folds,
 * and the standardisation of a column of tiny values.
 */
class TrainingChoicesTest {
  static final SyntheticData DATA = SyntheticPipeline.builder().size(800).seed(42).build().generate();
  static final FeatureSchema SCHEMA = SyntheticPipeline.defaultSchema();

  @Test
  void indicatorsAreLevelsMissingFlagsAndBooleanValues() {
    NumericFeature size = NumericFeature.of(FeatureInfo.of("size", "f"), "size"); // value and missing flag
    FeatureSchema schema = FeatureSchema.of("s", 1, size, BooleanFeature.of(FeatureInfo.of("vip", "f"), "vip"),
        CategoricalFeature.learned(FeatureInfo.of("source", "f"), "source", 1, List.of()));
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      leads.add(Lead.builder("L" + i).number("size", i).bool("vip", i % 3 == 0).text("source", i % 2 == 0 ? "ad" : "web")
          .build());
    }
    FittedSchema fitted = schema.fit(leads);
    boolean[] ind = Extraction.indicators(fitted);
    String[] names = Extraction.columnNames(fitted);
    for (int j = 0; j < names.length; j++) {
      boolean expected = !names[j].equals("size");
      assertEquals(expected, ind[j], names[j]);
    }
    assertTrue(names.length >= 5, "size, size_missing, vip, source levels: " + String.join(",", names));
  }

  @Test
  void aRareIndicatorIsPenalisedLikeACommonOne() {
    // the same effect (+2 log-odds) on a level seen on 1 % and on one seen on 50 % of rows: with
    // indicators standardised the rare level's penalty was ~7x weaker and its weight ran past the common one's
    int n = 4000;
    SplittableRandom r = new SplittableRandom(3);
    double[] x = new double[n * 2];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = r.nextDouble() < 0.01 ? 1 : 0;
      x[2 * i + 1] = r.nextDouble() < 0.5 ? 1 : 0;
      double t = -1 + 2 * x[2 * i] + 2 * x[2 * i + 1];
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-t));
    }
    LambdaPath path = new LambdaPath(x, n, 2, y, null, Workers.single(), null, new boolean[] {true, true});
    LinearModel m = path.fit(30.0, null, 100, 1e-10, LogisticSolver.Listener.NONE, false);
    assertEquals(1.0, path.standardisation().scaleAt(0));
    assertEquals(1.0, path.standardisation().scaleAt(1));
    // the rare level is shrunk more (its data is 50x thinner) under one and the same penalty per unit
    assertTrue(m.weights[0] < m.weights[1], "rare " + m.weights[0] + " vs common " + m.weights[1]);
  }

  @Test
  void forwardBlocksAreConsecutiveAndNearlyEqual() {
    int[] b = Folds.forwardBlocks(11, 4);
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4}, b);
    for (int n : new int[] {5, 17, 100, 1001}) {
      int[] blocks = Folds.forwardBlocks(n, 4);
      int[] size = new int[5];
      for (int i = 0; i < n; i++) {
        size[blocks[i]]++;
        assertTrue(i == 0 || blocks[i] >= blocks[i - 1], "non-decreasing");
      }
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (int s : size) {
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
      assertTrue(max - min <= 1, "sizes " + java.util.Arrays.toString(size));
    }
  }

  @Test
  void forwardChainingTrainsOnlyOnEarlierLeads() {
    List<LabelledLead> leads = DATA.leads();
    boolean[] y = Evaluationless.labels(leads);
    int[] blocks = Folds.forwardBlocks(leads.size(), 4);
    LeadFoldSource source = new LeadFoldSource(SCHEMA, leads, y, blocks, 4, DATA.asOf(), true,
        TrainingOptions.DEFAULT_AUTO_KNOTS, null);
    for (int k = 0; k < 4; k++) {
      FoldData fd = source.fold(k, Workers.single());
      int firstTest = fd.testIndex()[0];
      assertEquals(k + 1, blocks[firstTest]);
      int expectedTrain = 0;
      for (int i = 0; i < leads.size(); i++) {
        expectedTrain += blocks[i] <= k ? 1 : 0;
        if (blocks[i] == k + 1) {
          assertTrue(i >= firstTest);
        }
      }
      assertEquals(expectedTrain, fd.trainRows(), "fold " + k + " trains on blocks 0.." + k);
      for (int t : fd.testIndex()) {
        assertEquals(k + 1, blocks[t]);
      }
    }
  }

  @Test
  void forwardChainingIsRecordedAndItsTableUsesOnlyLaterLeads() {
    TrainingOptions options = TrainingOptions.builder().lambdas(0.1, 10.0, 1000.0).folds(4).threads(2)
        .foldScheme(FoldScheme.FORWARD_CHAINING).build();
    TrainedModel m = new ModelTrainer().train(SCHEMA, DATA.leads(), DATA.asOf(), options);
    assertEquals(FoldScheme.FORWARD_CHAINING, m.summary().foldScheme().orElseThrow());
    assertTrue(m.summary().warnings().isEmpty(), m.summary().warnings().toString());
    // the table's AUC is over blocks 1..4 only: recompute lambda 10's from an explicit forward run
    boolean[] y = Evaluationless.labels(DATA.leads());
    int[] blocks = Folds.forwardBlocks(y.length, 4);
    CrossValidation.Outcome cv = CrossValidation.run(new LeadFoldSource(SCHEMA, DATA.leads(), y, blocks, 4,
        DATA.asOf(), true, TrainingOptions.DEFAULT_AUTO_KNOTS, null), new double[] {10.0}, ClassWeights.none(), 100, 1e-10, Workers.single(),
        TrainingProgress.NONE);
    int later = (int) java.util.Arrays.stream(blocks).filter(b -> b > 0).count();
    double[] z = new double[later];
    boolean[] yy = new boolean[later];
    for (int i = 0, r = 0; i < y.length; i++) {
      if (blocks[i] > 0) {
        z[r] = cv.logits()[0][i];
        yy[r++] = y[i];
      }
    }
    assertEquals(Metrics.rocAuc(z, yy), m.summary().crossValidation().get(1).auc(), 1e-12);
    // calibration still covers every lead through stratified folds
    assertEquals(DATA.leads().size(), m.summary().outOfFold().orElseThrow().size());
  }

  @Test
  void forwardChainingWithoutBothClassesInABlockFallsBackWithAWarning() {
    List<LabelledLead> sorted = new ArrayList<>(DATA.leads());
    sorted.sort((a, b) -> Boolean.compare(a.converted(), b.converted())); // all non-converted first
    TrainedModel m = new ModelTrainer().train(SCHEMA, sorted, DATA.asOf(), TrainingOptions.builder()
        .lambdas(1.0, 100.0).folds(3).threads(2).foldScheme(FoldScheme.FORWARD_CHAINING).build());
    assertEquals(FoldScheme.STRATIFIED, m.summary().foldScheme().orElseThrow());
    assertTrue(m.summary().warnings().get(0).startsWith("forward chaining is not possible"),
        m.summary().warnings().toString());
  }

  @Test
  void tooFewConversionsForTheFoldsWarn() {
    List<LabelledLead> leads = new ArrayList<>();
    int kept = 0;
    for (LabelledLead l : DATA.leads()) {
      if (!l.converted()) {
        leads.add(l);
      } else if (kept < 5) {
        leads.add(l);
        kept++;
      }
    }
    TrainedModel m = new ModelTrainer().train(SCHEMA, leads, DATA.asOf(), TrainingOptions.builder().threads(2).build());
    TrainingSummary s = m.summary();
    String expected = "only 5 converted leads for 5 validation folds (fewer than 5 per fold): lambda " + s.chosenLambda();
    assertTrue(s.warnings().get(0).contains(expected), s.warnings().toString());
    // with enough conversions there is nothing to warn about
    assertTrue(new ModelTrainer().train(SCHEMA, DATA.leads(), DATA.asOf(), TrainingOptions.builder().threads(2)
        .lambdas(1.0, 30.0).build()).summary().warnings().isEmpty());
  }

  @Test
  void aDecreasingPlattCurveIsAWarning() {
    double[] z = {-2, -1, 0, 1, 2, 3};
    boolean[] y = {true, true, false, true, false, false};
    String w = ModelTrainer.reversedCalibration(dev.leadscore.model.calibration.Calibrator.fitPlatt(z, y, null), z, y);
    assertTrue(w != null && w.contains("does not increase") && w.contains("AUC of its out-of-fold logits 0.111"),
        String.valueOf(w));
    boolean[] agree = {false, false, true, false, true, true};
    assertEquals(null, ModelTrainer.reversedCalibration(dev.leadscore.model.calibration.Calibrator.fitPlatt(z, agree,
        null), z, agree));
    assertEquals(null, ModelTrainer.reversedCalibration(dev.leadscore.model.calibration.Calibrator.identity(), z, y));
  }

  @Test
  void aColumnOfTinyValuesTrainsLikeTheSameRowsAtScaleOne() {
    int n = 600;
    SplittableRandom r = new SplittableRandom(9);
    double[] x1 = new double[n * 2];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      x1[2 * i] = r.nextGaussian();
      x1[2 * i + 1] = r.nextGaussian();
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(1.5 * x1[2 * i] - 0.5 * x1[2 * i + 1])));
    }
    double[] tiny = x1.clone();
    for (int i = 0; i < n; i++) {
      tiny[2 * i] *= 1e-170;
    }
    LinearModel one = new LambdaPath(x1.clone(), n, 2, y, null, Workers.single(), null)
        .fit(1.0, null, 100, 1e-10, LogisticSolver.Listener.NONE, false);
    LambdaPath tinyPath = new LambdaPath(tiny.clone(), n, 2, y, null, Workers.single(), null);
    LinearModel small = tinyPath.fit(1.0, null, 100, 1e-10, LogisticSolver.Listener.NONE, false);
    assertTrue(tinyPath.standardisation().scaleAt(0) > 0, "a column of tiny values is not constant");
    assertEquals(1, tinyPath.standardisation().scaleAt(0) / (1e-170 * new LambdaPath(x1.clone(), n, 2, y, null,
        Workers.single(), null).standardisation().scaleAt(0)), 1e-12);
    assertEquals(one.weights[0], small.weights[0], 1e-9 * Math.abs(one.weights[0]));
    assertEquals(one.weights[1], small.weights[1], 1e-9 * Math.abs(one.weights[1]));
    // the fold model's logit of a raw tiny row agrees with the scale-1 model's
    assertEquals(one.logit(x1, 0), small.logit(tiny, 0), 1e-9);
  }

  /** Labels without the bench module's Evaluation. */
  static final class Evaluationless {
    static boolean[] labels(List<LabelledLead> leads) {
      boolean[] y = new boolean[leads.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = leads.get(i).converted();
      }
      return y;
    }
  }
}
