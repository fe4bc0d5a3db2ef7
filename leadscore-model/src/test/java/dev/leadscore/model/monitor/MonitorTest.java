package dev.leadscore.model.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.RowError;
import dev.leadscore.core.Tier;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.CalibrationMethod;
import dev.leadscore.model.ClassWeights;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.TestModels;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingReference;
import dev.leadscore.model.monitor.Health.Status;
import dev.leadscore.model.monitor.MonitoringReport.Bin;
import dev.leadscore.model.monitor.MonitoringReport.FeatureDrift;
import dev.leadscore.model.monitor.MonitoringReport.OutcomeRow;
import dev.leadscore.model.monitor.MonitoringReport.ScoreDrift;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Drift scenarios on the synthetic pipeline. The model is trained on 800 leads (seed 42); each
 * batch is 800 leads from the same generator with seed 7 (another sample of the same
 * population), then shifted on purpose. Figures quoted in comments are from these seeds.
 */
class MonitorTest {
  static final TrainedModel MODEL = TestModels.model("monitor-1");
  static final Monitor MONITOR = Monitor.of(MODEL);
  static final SyntheticData SAME = SyntheticPipeline.builder().size(800).seed(7).build().generate();
  static final Instant AS_OF = SAME.asOf();

  static List<Lead> mapped(UnaryOperator<Lead.Builder> change) {
    List<Lead> out = new ArrayList<>();
    for (LabelledLead l : SAME.leads()) {
      out.add(change.apply(l.lead().toBuilder()).build());
    }
    return out;
  }

  static void print(String what, MonitoringReport r) {
    System.out.println("[monitor] " + what + ": " + r.verdict().status() + " " + r.verdict().reasons());
  }

  // ------------------------------------------------------------------------------ no drift

  @Test
  void aBatchFromTheSamePipelineIsOk() {
    MonitoringReport r = MONITOR.check(SAME.unlabelled(), AS_OF);
    print("same pipeline, seed 7", r);
    assertEquals(Status.OK, r.verdict().status(), r.verdict().reasons().toString());
    assertEquals(800, r.rowsIn());
    assertEquals(800, r.rowsUsed());
    assertTrue(r.errors().isEmpty());
    for (FeatureDrift f : r.features()) {
      assertTrue(f.psi() < Monitor.PSI_WATCH, f.feature() + " psi " + f.psi());
      assertEquals(Status.OK, f.status());
    }
    ScoreDrift s = r.score().orElseThrow();
    assertTrue(s.psi() < Monitor.PSI_WATCH && s.tierPsi() < Monitor.PSI_WATCH, s.toString());
    assertTrue(s.flags().isEmpty());
    assertTrue(r.outcomes().isEmpty());
    assertTrue(r.verdict().reasons().get(0).startsWith("No drift over 800 leads"), r.verdict().reasons().toString());
    // every feature of the schema except the interaction is monitored
    assertEquals(37, r.features().size());
    assertTrue(r.feature("dm_x_pricing").isEmpty());
  }

  @Test
  void theSameBatchWithItsOutcomesIsOkAndWellCalibrated() {
    MonitoringReport r = MONITOR.checkWithOutcomes(SAME.leads(), AS_OF);
    print("same pipeline with outcomes", r);
    assertEquals(Status.OK, r.verdict().status(), r.verdict().reasons().toString());
    OutcomeRow overall = r.outcomes().orElseThrow().overall();
    assertEquals(800, overall.leads());
    assertEquals(SAME.leads().stream().filter(LabelledLead::converted).count(), overall.conversions());
    assertTrue(overall.relativeGap() < Monitor.OUTCOME_GAP, overall.toString());
    assertTrue(r.outcomes().get().calibrationError() < Monitor.ECE_WATCH);
    assertEquals(800, r.outcomes().get().tiers().stream().mapToInt(OutcomeRow::leads).sum());
  }

  @Test
  void featureFiguresAreConsistentWithTheirBins() {
    MonitoringReport r = MONITOR.check(SAME.unlabelled(), AS_OF);
    for (FeatureDrift f : r.features()) {
      double[] ref = f.bins().stream().mapToDouble(Bin::reference).toArray();
      double[] cur = f.bins().stream().mapToDouble(Bin::current).toArray();
      assertEquals(1.0, Arrays.stream(ref).sum(), 1e-9, f.feature());
      assertEquals(1.0, Arrays.stream(cur).sum(), 1e-9, f.feature());
      assertEquals(Monitor.psi(ref, cur), f.psi(), 1e-12, f.feature());
      assertEquals(Monitor.chiSquare(ref, 800, cur, 800), f.chiSquare(), 1e-9, f.feature());
      long nonEmpty = f.bins().stream().filter(b -> b.reference() > 0 || b.current() > 0).count();
      assertEquals(nonEmpty - 1, f.degreesOfFreedom(), f.feature());
    }
    // the company_size bins are the training deciles, hand-checkable against the reference
    TrainingReference.ColumnReference c = MODEL.monitoringReference().orElseThrow().column("company_size").orElseThrow();
    FeatureDrift size = r.feature("company_size").orElseThrow();
    assertEquals(FeatureDrift.Kind.QUANTILE, size.kind());
    assertEquals(c.binCount(), size.bins().size());
    int j = MODEL.schema().columnIndex("company_size");
    double[] counts = new double[c.binCount()];
    for (Lead l : SAME.unlabelled()) {
      counts[c.binOf(MODEL.schema().extract(l, AS_OF)[j])] += 1.0 / 800;
    }
    for (int b = 0; b < counts.length; b++) {
      assertEquals(counts[b], size.bins().get(b).current(), 1e-12);
      assertEquals(c.shares()[b], size.bins().get(b).reference());
    }
    FeatureDrift seniority = r.feature("seniority").orElseThrow();
    assertEquals(FeatureDrift.Kind.CATEGORICAL, seniority.kind());
    assertEquals(List.of("c_level", "vp", "director", "manager", "individual_contributor", "unknown"),
        seniority.bins().stream().map(Bin::label).toList());
    assertEquals(FeatureDrift.Kind.BINARY, r.feature("unsubscribed").orElseThrow().kind());
  }

  // ------------------------------------------------------------------------------ feature drift

  @Test
  void companySizeTimesTenIsCaughtOnCompanySizeAlone() {
    MonitoringReport r = MONITOR.check(mapped(b -> {
      AttributeValue v = b.build().attribute("company_size");
      return v instanceof AttributeValue.Num n ? b.number("company_size", n.value() * 10) : b;
    }), AS_OF);
    print("company_size x 10", r);
    FeatureDrift size = r.feature("company_size").orElseThrow();
    System.out.println("[monitor] company_size x 10: PSI " + size.psi());
    assertTrue(size.psi() >= Monitor.PSI_ACT, "psi " + size.psi());
    assertEquals(Status.RETRAIN, size.status());
    assertEquals(Status.RETRAIN, r.verdict().status());
    assertTrue(r.verdict().reasons().get(0).startsWith("Feature 'company_size' has shifted: PSI"),
        r.verdict().reasons().toString());
    for (FeatureDrift f : r.features()) {
      if (!f.feature().equals("company_size")) {
        assertEquals(Status.OK, f.status(), f.feature() + " " + f.psi());
      }
    }
    // the missing rate did not change: numbers multiplied are still present
    assertEquals(Status.OK, size.missingRate().orElseThrow().status());
  }

  @Test
  void blankingHalfTheTitlesIsCaughtOnSeniorityAndItsMissingRate() {
    int[] i = {0};
    MonitoringReport r = MONITOR.check(mapped(b -> i[0]++ % 2 == 0 ? b.text("job_title", "") : b), AS_OF);
    print("half the titles blanked", r);
    FeatureDrift seniority = r.feature("seniority").orElseThrow();
    System.out.println("[monitor] half titles blanked: seniority PSI " + seniority.psi() + ", missing "
        + seniority.missingRate().orElseThrow());
    assertEquals(Status.RETRAIN, seniority.status());
    assertTrue(seniority.psi() >= 0.5, "psi " + seniority.psi());
    MonitoringReport.MissingRateChange missing = seniority.missingRate().orElseThrow();
    assertTrue(missing.change() >= 0.4, missing.toString());
    assertEquals(Status.RETRAIN, missing.status());
    assertEquals(Status.RETRAIN, r.verdict().status());
    assertTrue(r.verdict().reasons().stream().anyMatch(s -> s.startsWith("Feature 'seniority' has shifted")));
    assertTrue(r.verdict().reasons().stream().anyMatch(s -> s.startsWith("Feature 'seniority' is missing for")
        && s.contains("act at 25.0 points")), r.verdict().reasons().toString());
    // no other feature drifts
    assertEquals(List.of("seniority"), r.features().stream().filter(f -> f.status() != Status.OK)
        .map(FeatureDrift::feature).toList());
  }

  @Test
  void aSmallDriftIsWatchNotRetrain() {
    // a quarter of the leads get no country: 'country=missing' grows by about 20 points
    int[] i = {0};
    MonitoringReport r = MONITOR.check(mapped(b -> i[0]++ % 4 == 0 ? b.absent("country") : b), AS_OF);
    print("a quarter of the countries removed", r);
    FeatureDrift country = r.feature("country").orElseThrow();
    System.out.println("[monitor] quarter of countries removed: country PSI " + country.psi() + ", missing "
        + country.missingRate().orElseThrow());
    assertEquals(Status.WATCH, country.missingRate().orElseThrow().status());
    assertTrue(country.psi() >= Monitor.PSI_WATCH);
    assertTrue(r.verdict().status().compareTo(Status.WATCH) >= 0);
  }

  // ------------------------------------------------------------------------------ score drift

  @Test
  void leadsThatAllLookReadyToBuyRaiseTheTooPermissiveFlag() {
    Instant t = AS_OF.minus(Duration.ofDays(2));
    MonitoringReport r = MONITOR.check(mapped(b -> b.event("demo_request", t).event("contact_sales_form", t)
        .event("pricing_page_visit", t, 3).event("email_reply", t).event("trial_signup", t)), AS_OF);
    ScoreDrift s = r.score().orElseThrow();
    print("every lead hot", r);
    assertTrue(s.shareHigh() >= Monitor.SKEW_SHARE, "share >= 70: " + s.shareHigh());
    assertEquals(List.of(ScoreDrift.Flag.TOO_PERMISSIVE), s.flags());
    assertEquals(Status.RETRAIN, s.status());
    assertEquals(Status.RETRAIN, s.tierStatus());
    assertTrue(r.verdict().reasons().stream().anyMatch(x -> x.contains("of leads score 70 or above")
        && x.contains("too permissive")), r.verdict().reasons().toString());
  }

  @Test
  void leadsWithNoActivityRaiseTheTooStrictFlag() {
    List<Lead> cold = new ArrayList<>();
    for (Lead l : SAME.unlabelled()) {
      Lead.Builder b = Lead.builder(l.id());
      l.attributes().forEach(b::attribute);
      cold.add(b.build());
    }
    MonitoringReport r = MONITOR.check(cold, AS_OF);
    ScoreDrift s = r.score().orElseThrow();
    print("no activity", r);
    assertTrue(s.shareLow() >= Monitor.SKEW_SHARE, "share < 30: " + s.shareLow());
    assertTrue(s.flags().contains(ScoreDrift.Flag.TOO_STRICT));
    assertTrue(r.verdict().reasons().stream().anyMatch(x -> x.contains("too strict")));
    // many features shifted: at most eight are spelt out per status, the rest named in one sentence
    assertTrue(r.verdict().reasons().stream().anyMatch(x -> x.contains("more features are past the act threshold")),
        r.verdict().reasons().toString());
  }

  @Test
  void skewFlagsNeedAMarginOverTraining() {
    // a batch identical to training in distribution has no flag even if training were lopsided
    ScoreDrift s = MONITOR.check(SAME.unlabelled(), AS_OF).score().orElseThrow();
    assertTrue(s.referenceShareLow() > 0.6, "the synthetic model already scores most leads below 30");
    assertTrue(s.flags().isEmpty());
  }

  // ------------------------------------------------------------------------------ outcome drift

  @Test
  void aLowerConversionRateIsOutcomeDriftWithoutFeatureDrift() {
    SyntheticData lower = SyntheticPipeline.builder().size(800).seed(7).conversionRate(0.10).build().generate();
    MonitoringReport r = MONITOR.checkWithOutcomes(lower.leads(), AS_OF);
    print("conversion rate 0.25 -> 0.10", r);
    // same seed: the leads are identical, only the outcomes differ
    assertTrue(r.features().stream().allMatch(f -> f.status() == Status.OK));
    OutcomeRow overall = r.outcomes().orElseThrow().overall();
    System.out.println("[monitor] conversion 0.10: " + overall);
    assertEquals(Status.RETRAIN, overall.status());
    assertTrue(overall.relativeGap() > 0.5, overall.toString());
    assertTrue(overall.z() < -Monitor.OUTCOME_Z_ACT);
    assertEquals(Status.RETRAIN, r.verdict().status());
    assertTrue(r.verdict().reasons().get(0).startsWith("Predicted conversion is "), r.verdict().reasons().toString());
    assertTrue(r.verdict().reasons().get(0).contains("retrain the model"));
  }

  @Test
  void aDeliberatelyMiscalibratedModelIsCaught() {
    // balanced class weights inflate probabilities towards 0.5 and no calibrator corrects them
    TrainedModel inflated = TestModels.train(TestModels.quick().modelVersion("inflated")
        .calibration(CalibrationMethod.NONE).classWeights(ClassWeights.balanced()).build());
    MonitoringReport r = Monitor.of(inflated).checkWithOutcomes(SAME.leads(), AS_OF);
    print("uncalibrated, balanced weights", r);
    MonitoringReport.OutcomeDrift o = r.outcomes().orElseThrow();
    System.out.println("[monitor] miscalibrated: " + o.overall() + ", ECE " + o.calibrationError());
    assertEquals(Status.RETRAIN, o.overall().status());
    assertTrue(o.overall().predictedRate() > 1.3 * o.overall().actualRate(), o.overall().toString());
    assertEquals(Status.WATCH, o.calibrationStatus());
    assertTrue(o.calibrationError() >= Monitor.ECE_WATCH);
    assertTrue(o.tiers().stream().anyMatch(t -> t.status() == Status.RETRAIN), o.tiers().toString());
    assertTrue(r.verdict().reasons().stream().anyMatch(s -> s.startsWith("Calibration error (ECE)")));
    // its scores look like its own training scores, so there is no score drift
    assertEquals(Status.OK, r.score().orElseThrow().status());
  }

  @Test
  void tierRowsUseTheModelsTiers() {
    MonitoringReport r = MONITOR.checkWithOutcomes(SAME.leads(), AS_OF);
    List<OutcomeRow> tiers = r.outcomes().orElseThrow().tiers();
    assertEquals(List.of("Hot", "Warm", "Nurture", "Suppress"), tiers.stream().map(OutcomeRow::group).toList());
    int hot = 0;
    for (Lead l : SAME.unlabelled()) {
      double[] x = MODEL.schema().extract(l, AS_OF);
      hot += ModelScorer.of(MODEL).tierOf(x) == Tier.HOT ? 1 : 0;
    }
    assertEquals(hot, tiers.get(0).leads());
  }

  // ------------------------------------------------------------------------------ bad rows

  @Test
  void badLeadsAreListedAndExcludedAndCountsAddUp() {
    List<Lead> batch = new ArrayList<>(SAME.unlabelled().subList(0, 300));
    batch.set(3, null);
    batch.set(5, batch.get(5).toBuilder().text("company_size", "lots").build());
    batch.set(299, batch.get(299).toBuilder().text("tech_fit", "enormous").build());
    MonitoringReport r = MONITOR.check(batch, AS_OF);
    print("3 bad rows of 300", r);
    assertEquals(300, r.rowsIn());
    assertEquals(297, r.rowsUsed());
    assertEquals(List.of(3L, 5L, 299L), r.errors().stream().map(RowError::row).toList());
    RowError size = r.errors().get(1);
    assertEquals("L000006", size.leadId());
    assertEquals("company_size", size.field());
    assertTrue(size.message().contains("lots"), size.message());
    assertTrue(r.errors().get(0).message().contains("null"));
    // 3 of 300 is 1 %: above the 1 % threshold only when strictly more
    assertTrue(r.verdict().reasons().stream().anyMatch(s -> s.startsWith("3 of 300 leads (1.0 %) could not be read")));
  }

  @Test
  void emptyAndAllBadBatchesAreWatchWithoutFigures() {
    MonitoringReport empty = MONITOR.check(List.of(), AS_OF);
    assertEquals(Status.WATCH, empty.verdict().status());
    assertTrue(empty.features().isEmpty() && empty.score().isEmpty());
    assertEquals("The batch is empty: there is nothing to judge drift on.", empty.verdict().reasons().get(0));
    List<Lead> bad = new ArrayList<>();
    bad.add(null);
    bad.add(SAME.unlabelled().get(0).toBuilder().text("company_size", "x").build());
    MonitoringReport allBad = MONITOR.check(bad, AS_OF);
    assertEquals(Status.WATCH, allBad.verdict().status());
    assertEquals(0, allBad.rowsUsed());
    assertEquals(2, allBad.errors().size());
    assertTrue(allBad.verdict().reasons().get(0).startsWith("None of the 2 leads could be used"));
    List<LabelledLead> labelled = new ArrayList<>();
    labelled.add(null);
    MonitoringReport allBadLabelled = MONITOR.checkWithOutcomes(labelled, AS_OF);
    assertTrue(allBadLabelled.outcomes().isEmpty());
    assertEquals(1, allBadLabelled.errors().size());
  }

  @Test
  void aSmallBatchCannotBeVouchedFor() {
    MonitoringReport r = MONITOR.check(SAME.unlabelled().subList(0, 50), AS_OF);
    assertEquals(Status.WATCH, r.verdict().status());
    assertTrue(r.verdict().reasons().stream().anyMatch(s -> s.startsWith("Only 50 leads could be used")));
    // even a real shift cannot make a 50-lead batch RETRAIN; it is listed, and the verdict is WATCH
    List<Lead> shifted = new ArrayList<>();
    for (Lead l : SAME.unlabelled().subList(0, 50)) {
      shifted.add(l.toBuilder().text("job_title", "").build());
    }
    MonitoringReport s = MONITOR.check(shifted, AS_OF);
    assertEquals(Status.RETRAIN, s.feature("seniority").orElseThrow().status());
    assertEquals(Status.WATCH, s.verdict().status());
  }

  @Test
  void smallSamePopulationBatchesAreNotFlaggedForNoise() {
    // PSI with its epsilon floor is large for small batches by chance alone (a 9.5 % bin that gets
    // no lead adds 0.65); the chi-square gate keeps such noise from being flagged
    int batches = 30;
    int flaggedBatches = 0;
    double largestPsi = 0;
    for (long seed = 300; seed < 300 + batches; seed++) {
      SyntheticData b = SyntheticPipeline.builder().size(200).seed(seed).build().generate();
      MonitoringReport r = MONITOR.check(b.unlabelled(), AS_OF);
      flaggedBatches += r.features().stream().anyMatch(f -> f.status() != Status.OK) ? 1 : 0;
      largestPsi = Math.max(largestPsi, r.features().stream().mapToDouble(FeatureDrift::psi).max().orElseThrow());
    }
    System.out.println("[monitor] " + batches + " same-population batches of 200: " + flaggedBatches
        + " with a flagged feature; largest PSI " + largestPsi);
    assertTrue(largestPsi >= Monitor.PSI_WATCH, "without the gate some of these would be flagged");
    assertTrue(flaggedBatches <= 2, flaggedBatches + " of " + batches);
  }

  @Test
  void nullArgumentsAreRefused() {
    assertThrows(NullPointerException.class, () -> MONITOR.check(null, AS_OF));
    assertThrows(NullPointerException.class, () -> MONITOR.check(List.of(), null));
    assertThrows(NullPointerException.class, () -> MONITOR.checkWithOutcomes(null, AS_OF));
    assertThrows(NullPointerException.class, () -> Monitor.of(null));
  }

  // ------------------------------------------------------------------------------ older artifacts

  @Test
  void aModelFromAnArtifactWithoutAReferenceCannotBeMonitored() {
    TrainedModel old = ModelArtifact.read(TestModels.withoutMonitoring(ModelArtifact.write(MODEL)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Monitor.of(old));
    assertTrue(e.getMessage().contains("has no monitoring reference"), e.getMessage());
    assertTrue(e.getMessage().contains(MODEL.modelId() + "@monitor-1"), e.getMessage());
    assertTrue(e.getMessage().contains("retrain"), e.getMessage());
    // a model loaded from a current artifact monitors exactly as the trained one
    TrainedModel loaded = ModelArtifact.read(ModelArtifact.write(MODEL));
    assertEquals(MONITOR.checkWithOutcomes(SAME.leads(), AS_OF), Monitor.of(loaded).checkWithOutcomes(SAME.leads(), AS_OF));
  }

  @Test
  void aMonitorIsSafeToShareBetweenThreads() throws Exception {
    MonitoringReport expected = MONITOR.checkWithOutcomes(SAME.leads(), AS_OF);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        try {
          for (int k = 0; k < 5; k++) {
            assertEquals(expected, MONITOR.checkWithOutcomes(SAME.leads(), AS_OF));
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertTrue(failures.isEmpty(), failures.toString());
    assertFalse(expected.verdict().reasons().isEmpty());
  }
}
