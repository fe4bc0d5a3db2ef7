package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.calibration.Calibrator;
import dev.leadscore.model.eval.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTrainerTest {
  static final SyntheticData DATA = SyntheticPipeline.builder().size(800).seed(42).build().generate();
  static final FeatureSchema SCHEMA = SyntheticPipeline.defaultSchema();

  static TrainingOptions.Builder quick() {
    return TrainingOptions.builder().lambdas(1.0, 30.0, 300.0).folds(3).threads(2);
  }

  static TrainedModel train(TrainingOptions options) {
    return new ModelTrainer().train(SCHEMA, DATA.leads(), DATA.asOf(), options);
  }

  @Test
  void trainsACalibratedModelOnTheSyntheticPipeline() {
    TrainedModel m = train(TrainingOptions.defaults());
    TrainingSummary s = m.summary();
    assertEquals(800, s.rows());
    assertEquals(5, s.folds());
    assertEquals(TrainingOptions.DEFAULT_GRID_SIZE, s.crossValidation().size());
    assertTrue(Arrays.stream(TrainingOptions.defaultLambdas()).anyMatch(l -> l == s.chosenLambda()));
    TrainingSummary.LambdaScore chosen = s.crossValidation().stream().filter(r -> r.lambda() == s.chosenLambda())
        .findFirst().orElseThrow();
    for (TrainingSummary.LambdaScore r : s.crossValidation()) {
      assertTrue(chosen.logLoss() <= r.logLoss(), "chosen lambda must have the lowest CV log loss: " + r);
    }
    assertTrue(s.oofAuc() > 0.72, "out-of-fold AUC " + s.oofAuc());
    assertTrue(s.maxGradient() <= TrainingOptions.DEFAULT_TOLERANCE);
    assertInstanceOf(Calibrator.Platt.class, m.calibrator());
    TrainingSummary.OutOfFold oof = s.outOfFold().orElseThrow();
    assertEquals(800, oof.size());
    assertEquals(s.oofAuc(), Metrics.rocAuc(oof.probabilities(), oof.labels()));

    FittedSchema fitted = m.schema();
    double[] x = new double[fitted.width()];
    for (LabelledLead l : DATA.leads()) {
      fitted.extract(l.lead(), DATA.asOf(), x);
      double p = ModelScorer.of(m).probabilityOf(x);
      assertTrue(p >= 0 && p <= 1);
      assertEquals(100 * p, ModelScorer.of(m).scoreOf(x), 1e-12);
      assertEquals(m.cutoffs().tierOf(ModelScorer.of(m).scoreOf(x)), ModelScorer.of(m).tierOf(x));
    }
  }

  @Test
  void tierCutoffsComeFromTheOutOfFoldScores() {
    TrainedModel m = train(quick().build());
    double[] scores = m.summary().outOfFold().orElseThrow().scores();
    assertEquals(m.cutoffs(), m.provenance().options().tierPolicy().fit(scores, m.summary().outOfFold().get().labels()));
  }

  @Test
  void rawWeightsReproduceTheLogit() {
    TrainedModel m = train(quick().build());
    double[] x = m.schema().extract(DATA.leads().get(3).lead(), DATA.asOf());
    double raw = m.rawIntercept();
    double[] w = m.rawWeights();
    for (int j = 0; j < x.length; j++) {
      raw += w[j] * x[j];
    }
    assertEquals(m.logit(x), raw, 1e-9);
  }

  @Test
  void accessorsReturnCopies() {
    TrainedModel m = train(quick().build());
    double[] w = m.weights();
    w[0] = 12345;
    assertFalse(m.weights()[0] == 12345);
    double[] c = m.covariance();
    c[0] = -1;
    assertFalse(m.covariance()[0] == -1);
  }

  @Test
  void trainingTwiceGivesByteIdenticalArtifactsWhateverTheThreads() {
    String a = ModelArtifact.write(train(quick().threads(1).build()));
    String b = ModelArtifact.write(train(quick().threads(1).build()));
    String c = ModelArtifact.write(train(quick().threads(3).build()));
    assertEquals(a, b);
    assertEquals(a, c);
  }

  @Test
  void aucSelectionCalibrationAndClassWeightOptionsAreHonoured() {
    TrainedModel iso = train(quick().calibration(CalibrationMethod.ISOTONIC).selectionMetric(SelectionMetric.AUC)
        .classWeights(ClassWeights.balanced()).build());
    assertInstanceOf(Calibrator.Isotonic.class, iso.calibrator());
    TrainingSummary s = iso.summary();
    double bestAuc = s.crossValidation().stream().mapToDouble(TrainingSummary.LambdaScore::auc).max().orElseThrow();
    assertEquals(bestAuc, s.crossValidation().stream().filter(r -> r.lambda() == s.chosenLambda()).findFirst()
        .orElseThrow().auc());
    // the calibrator, fitted with unit weights, undoes the balanced weights' shift
    double meanP = Arrays.stream(s.outOfFold().orElseThrow().probabilities()).average().orElseThrow();
    assertEquals(DATA.conversionRate(), meanP, 0.01);
    TrainedModel none = train(quick().calibration(CalibrationMethod.NONE).build());
    assertEquals(Calibrator.identity(), none.calibrator());
  }

  @Test
  void progressIsReportedInOrder() {
    List<String> events = new ArrayList<>();
    train(quick().progress(new TrainingProgress() {
      @Override
      public void foldStarted(int fold, int folds, int trainRows, int testRows) {
        events.add("fold" + fold);
        assertEquals(800, trainRows + testRows);
      }

      @Override
      public void fitStarted(int fold, double lambda) {
        events.add("fit" + fold + "@" + lambda);
      }

      @Override
      public void lambdaChosen(double lambda, double cvLogLoss, double cvAuc) {
        events.add("chosen");
      }
    }).build());
    assertEquals(List.of("fold0", "fit0@300.0", "fit0@30.0", "fit0@1.0", "fold1", "fit1@300.0", "fit1@30.0", "fit1@1.0",
        "fold2", "fit2@300.0", "fit2@30.0", "fit2@1.0", "chosen"), events.subList(0, 13));
    assertTrue(events.get(13).startsWith("fit-1@"));
  }

  @Test
  void eachFoldFitsTheSchemaOnItsTrainingRowsOnly() {
    // 'zeta' occurs in exactly one lead: a fold that holds that lead out must not know the level,
    // and the held-out lead's size must not move the fold's imputed mean.
    FeatureSchema schema = FeatureSchema.of("leak", 1,
        CategoricalFeature.learned(FeatureInfo.of("industry", "firmographic"), "industry", 1, List.of()),
        NumericFeature.of(FeatureInfo.of("size", "firmographic"), "size"));
    List<LabelledLead> leads = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Lead.Builder b = Lead.builder("L" + i).text("industry", i == 7 ? "zeta" : (i % 2 == 0 ? "alpha" : "beta"));
      if (i != 9) {
        b.number("size", i == 7 ? 1e6 : i);
      }
      leads.add(new LabelledLead(b.build(), i % 3 == 0));
    }
    boolean[] y = new boolean[40];
    for (int i = 0; i < 40; i++) {
      y[i] = leads.get(i).converted();
    }
    int[] fold = Folds.stratified(y, 4, 5);
    LeadFoldSource source = new LeadFoldSource(schema, leads, y, fold, 4, Instant.EPOCH, false,
        TrainingOptions.DEFAULT_AUTO_KNOTS, null);
    for (int k = 0; k < 4; k++) {
      FoldData fd = source.fold(k, Workers.single());
      boolean heldOut = fold[7] == k;
      assertEquals(!heldOut, Arrays.asList(fd.columnNames()).contains("industry=zeta"), "fold " + k);
      List<Lead> train = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        if (fold[i] != k) {
          train.add(leads.get(i).lead());
        }
      }
      FittedSchema expected = schema.fit(train, TrainingOptions.DEFAULT_AUTO_KNOTS);
      assertEquals(expected.width(), fd.width());
      double[] row = new double[expected.width()];
      for (int t = 0; t < fd.testRows(); t++) {
        expected.extract(leads.get(fd.testIndex()[t]).lead(), Instant.EPOCH, row);
        assertArrayEquals(row, Arrays.copyOfRange(fd.testX(), t * fd.width(), (t + 1) * fd.width()));
      }
    }
  }

  @Test
  void stratifiedFoldsBalanceBothClasses() {
    boolean[] y = new boolean[103];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 4 == 0;
    }
    int[] fold = Folds.stratified(y, 5, 99);
    int[] pos = new int[5];
    int[] all = new int[5];
    for (int i = 0; i < y.length; i++) {
      all[fold[i]]++;
      pos[fold[i]] += y[i] ? 1 : 0;
    }
    assertTrue(Arrays.stream(pos).max().orElseThrow() - Arrays.stream(pos).min().orElseThrow() <= 1);
    assertTrue(Arrays.stream(all).max().orElseThrow() - Arrays.stream(all).min().orElseThrow() <= 1);
    assertArrayEquals(fold, Folds.stratified(y, 5, 99));
  }

  @Test
  void badInputIsRejectedClearly() {
    ModelTrainer trainer = new ModelTrainer();
    TrainingOptions o = quick().build();
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> trainer.train(SCHEMA, List.of(), DATA.asOf(), o));
    assertTrue(empty.getMessage().contains("empty"));
    List<LabelledLead> withNull = new ArrayList<>(DATA.leads().subList(0, 50));
    withNull.set(17, null);
    IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
        () -> trainer.train(SCHEMA, withNull, DATA.asOf(), o));
    assertTrue(nul.getMessage().contains("leads[17]"), nul.getMessage());
    List<LabelledLead> fewPositives = new ArrayList<>();
    for (LabelledLead l : DATA.leads()) {
      if (!l.converted() || fewPositives.stream().filter(LabelledLead::converted).count() < 2) {
        fewPositives.add(l);
      }
    }
    TrainingException few = assertThrows(TrainingException.class,
        () -> trainer.train(SCHEMA, fewPositives, DATA.asOf(), o));
    assertTrue(few.getMessage().contains("at least 3 converted"), few.getMessage());
  }

  @Test
  void anUnreadableValueFailsNamingTheLeadFieldAndRow() {
    List<LabelledLead> leads = new ArrayList<>(DATA.leads());
    LabelledLead bad = leads.get(123);
    leads.set(123, new LabelledLead(bad.lead().toBuilder().text("company_size", "about twelve").build(),
        bad.converted()));
    dev.leadscore.core.LeadDataException e = assertThrows(dev.leadscore.core.LeadDataException.class,
        () -> new ModelTrainer().train(SCHEMA, leads, DATA.asOf(), quick().build()));
    assertEquals(bad.lead().id(), e.leadId());
    assertEquals("company_size", e.field());
    assertTrue(e.getMessage().contains("training row 123"), e.getMessage());
  }

  @Test
  void optionsValidateNamingTheRuleAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingOptions.builder().lambdas(1, -2));
    assertTrue(e.getMessage().contains("lambdas[1]=-2.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainingOptions.builder().folds(1));
    assertTrue(e.getMessage().contains("folds=1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainingOptions.builder().lambdas(1, 1));
    assertTrue(e.getMessage().contains("distinct"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainingOptions.builder().tolerance(0));
    assertTrue(e.getMessage().contains("tolerance=0.0"), e.getMessage());
    assertArrayEquals(new double[] {0.5, 2}, TrainingOptions.builder().lambdas(2, 0.5).build().lambdas());
  }
}
