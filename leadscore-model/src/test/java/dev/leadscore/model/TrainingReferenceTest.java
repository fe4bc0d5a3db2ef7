package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.Tier;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.model.TrainingReference.ColumnReference;
import dev.leadscore.model.TrainingReference.Kind;
import dev.leadscore.model.eval.Metrics;
import dev.leadscore.model.eval.TierTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TrainingReferenceTest {
  static final TrainedModel MODEL = TestModels.model("ref-1");
  static final String JSON = ModelArtifact.write(MODEL);

  // ------------------------------------------------------------------------------ binning by hand

  @Test
  void quantileEdgesAreNearestRankDecilesByHand() {
    double[] oneToTwenty = new double[20];
    for (int i = 0; i < 20; i++) {
      oneToTwenty[i] = i + 1;
    }
    // rank ceil(k * 20 / 10) = 2k, so the k-th edge is the value 2k
    assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12, 14, 16, 18}, TrainingReference.quantileEdges(oneToTwenty));

    // 15 zeros then 1, 2, 3, 4, 5: ranks 2, 4, ..., 14 are 0, rank 16 is 1, rank 18 is 3
    double[] pointMass = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5};
    assertArrayEquals(new double[] {0, 1, 3}, TrainingReference.quantileEdges(pointMass));
    assertArrayEquals(new double[] {7}, TrainingReference.quantileEdges(new double[] {7, 7, 7}));
    assertArrayEquals(new double[] {4}, TrainingReference.quantileEdges(new double[] {4}));
  }

  @Test
  void binsAreOpenBelowClosedAboveAndValuesOnAnEdgeGoLow() {
    ColumnReference q = new ColumnReference("x", 0, Kind.QUANTILE, new double[] {0, 1, 3},
        new double[] {0.75, 0.05, 0.1, 0.1});
    assertEquals(0, q.binOf(-5));
    assertEquals(0, q.binOf(0));
    assertEquals(1, q.binOf(0.5));
    assertEquals(1, q.binOf(1));
    assertEquals(2, q.binOf(3));
    assertEquals(3, q.binOf(3.0000001));
    assertEquals(4, q.binCount());
    ColumnReference b = new ColumnReference("flag", 1, Kind.BINARY, new double[0], new double[] {0.7, 0.3});
    assertEquals(0, b.binOf(0));
    assertEquals(0, b.binOf(0.49));
    assertEquals(1, b.binOf(0.5));
    assertEquals(1, b.binOf(1));
    assertEquals(0.3, b.shareOfOnes());
  }

  @Test
  void invalidReferencesNameTheColumnAndRule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ColumnReference("x", 0, Kind.QUANTILE, new double[] {1, 1}, new double[] {0.3, 0.3, 0.4}));
    assertTrue(e.getMessage().contains("column 'x'") && e.getMessage().contains("strictly increasing"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ColumnReference("y", 0, Kind.BINARY, new double[0], new double[] {0.5, 0.6}));
    assertTrue(e.getMessage().contains("column 'y' shares must sum to 1"), e.getMessage());
  }

  @Test
  void binSharesOfAnySampleSumToOneAndMatchACountByHand() {
    Gen<List<Double>> samples = Gen.lists(Gen.weighted(3, Gen.constant(0.0), 2, Gen.decimals(-5, 50, 1)), 1, 60);
    PropertyCheck.forAll(300, samples, sample -> {
      double[] sorted = sample.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double[] edges = TrainingReference.quantileEdges(sorted);
      for (int i = 1; i < edges.length; i++) {
        assertTrue(edges[i] > edges[i - 1]);
      }
      assertTrue(edges.length >= 1 && edges.length <= 9);
      // nearest rank: the first bin holds at least 10 % of the sample
      long first = Arrays.stream(sorted).filter(v -> v <= edges[0]).count();
      assertTrue(first * 10 >= sorted.length, "first bin " + first + " of " + sorted.length);
    });
  }

  // ------------------------------------------------------------------------------ computed by the trainer

  @Test
  void everyValueLevelAndMissingFlagColumnHasAReferenceInColumnOrder() {
    TrainingReference ref = MODEL.monitoringReference().orElseThrow();
    FittedSchema schema = MODEL.schema();
    List<String> expected = new ArrayList<>();
    for (Column c : schema.columns()) {
      if (c.role() == Column.Role.VALUE || c.role() == Column.Role.LEVEL || c.role() == Column.Role.MISSING_FLAG) {
        expected.add(c.name());
      }
    }
    assertEquals(expected, ref.columns().stream().map(ColumnReference::column).toList());
    assertEquals(800, ref.rows());
    for (ColumnReference c : ref.columns()) {
      Column col = schema.columns().get(c.index());
      if (col.role() != Column.Role.VALUE) {
        assertEquals(Kind.BINARY, c.kind(), c.column());
      }
      assertEquals(1.0, Arrays.stream(c.shares()).sum(), 1e-12, c.column());
    }
    assertTrue(ref.column("dm_x_pricing").isEmpty(), "interaction columns have no reference");
  }

  @Test
  void columnReferencesMatchACountOverTheTrainingMatrix() {
    TrainingReference ref = MODEL.monitoringReference().orElseThrow();
    FittedSchema schema = MODEL.schema();
    List<double[]> rows = new ArrayList<>();
    for (var l : TestModels.DATA.leads()) {
      rows.add(schema.extract(l.lead(), TestModels.DATA.asOf()));
    }
    for (String name : List.of("company_size", "site_visits_90d", "seniority=unknown", "company_size_missing",
        "decision_maker")) {
      ColumnReference c = ref.column(name).orElseThrow();
      int j = schema.columnIndex(name);
      double[] values = rows.stream().mapToDouble(r -> r[j]).sorted().toArray();
      if (c.kind() == Kind.QUANTILE) {
        assertArrayEquals(TrainingReference.quantileEdges(values), c.edges(), name);
      }
      double[] shares = new double[c.binCount()];
      for (double v : values) {
        shares[c.binOf(v)] += 1.0 / values.length;
      }
      assertArrayEquals(shares, c.shares(), 1e-12, name);
    }
    // a continuous column really gets ten bins when it has no ties
    assertEquals(10, ref.column("company_size").orElseThrow().binCount());
  }

  @Test
  void missingRatesComeFromMissingFlagsAndMissingOrUnknownLevels() {
    TrainingReference ref = MODEL.monitoringReference().orElseThrow();
    var byFeature = new java.util.HashMap<String, TrainingReference.MissingRate>();
    ref.missingRates().forEach(m -> byFeature.put(m.feature(), m));
    assertEquals(List.of("seniority=unknown"), byFeature.get("seniority").columns());
    assertEquals(List.of("company_size_missing"), byFeature.get("company_size").columns());
    assertEquals(List.of("industry=missing"), byFeature.get("industry").columns());
    assertEquals(ref.column("company_size_missing").orElseThrow().shareOfOnes(), byFeature.get("company_size").rate());
    assertEquals(ref.column("seniority=unknown").orElseThrow().shareOfOnes(), byFeature.get("seniority").rate());
    assertFalse(byFeature.containsKey("site_visits_7d"));
  }

  @Test
  void theScoreReferenceIsTheOutOfFoldDistribution() {
    TrainingReference ref = MODEL.monitoringReference().orElseThrow();
    TrainingSummary.OutOfFold oof = MODEL.summary().outOfFold().orElseThrow();
    double[] scores = oof.scores();
    double[] hist = new double[10];
    for (double s : scores) {
      hist[Math.min(9, (int) (s / 10))] += 1.0 / scores.length;
    }
    assertArrayEquals(hist, ref.scoreHistogram(), 1e-12);
    TierTable table = Metrics.tierTable(scores, oof.labels(), MODEL.cutoffs());
    for (Tier t : Tier.values()) {
      assertEquals(table.row(t).shareOfPipeline(), ref.tierShare(t), 1e-12, t.name());
    }
    assertEquals(Arrays.stream(oof.probabilities()).average().orElseThrow(), ref.meanProbability(), 1e-12);
    assertEquals(Metrics.expectedCalibrationError(oof.probabilities(), oof.labels()), ref.calibrationError());
    assertEquals(0.25, ref.conversionRate(), 0.03);
    // the tier policy's target shares 12 / 26 / 39 / 23 %
    assertEquals(0.12, ref.tierShare(Tier.HOT), 0.01);
  }

  // ------------------------------------------------------------------------------ artifact

  @Test
  void theReferenceRoundTripsThroughTheArtifactByteForByte() {
    TrainedModel loaded = ModelArtifact.read(JSON);
    assertEquals(MODEL.monitoringReference(), loaded.monitoringReference());
    assertEquals(JSON, ModelArtifact.write(loaded));
    assertTrue(JSON.contains("\"monitoring\""));
  }

  @Test
  void theReferenceIsDeterministicWhateverTheThreadCount() {
    TrainedModel one = TestModels.train(TestModels.quick().modelVersion("ref-1").threads(1).build());
    TrainedModel three = TestModels.train(TestModels.quick().modelVersion("ref-1").threads(3).build());
    assertEquals(JSON, ModelArtifact.write(one));
    assertEquals(JSON, ModelArtifact.write(three));
  }

  @Test
  void anArtifactWithoutAReferenceStillLoads() {
    String old = TestModels.withoutMonitoring(JSON);
    assertFalse(old.contains("\"monitoring\""));
    TrainedModel loaded = ModelArtifact.read(old);
    assertTrue(loaded.monitoringReference().isEmpty());
    assertFalse(ModelArtifact.write(loaded).contains("\"monitoring\""));
    assertEquals(MODEL.intercept(), loaded.intercept());
  }

  static void assertRejected(String fragment, Consumer<ObjectNode> edit) {
    ArtifactException e = assertThrows(ArtifactException.class, () -> ModelArtifact.read(TestModels.edited(JSON, edit)));
    assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
  }

  static ObjectNode monitoring(ObjectNode root) {
    return (ObjectNode) root.get("monitoring");
  }

  static ObjectNode column(ObjectNode root, int i) {
    return (ObjectNode) monitoring(root).get("columns").get(i);
  }

  @Test
  void aDamagedReferenceIsRejectedNamingTheField() {
    assertRejected("unknown field monitoring.extra", r -> monitoring(r).put("extra", 1));
    assertRejected("monitoring.rows is 799 but the model was trained on 800",
        r -> monitoring(r).put("rows", 799));
    assertRejected("monitoring.columns[0] is column 'renamed'", r -> column(r, 0).put("column", "renamed"));
    assertRejected("monitoring.columns[0]: column 'site_visits_7d' shares must sum to 1",
        r -> ((ArrayNode) column(r, 0).get("shares")).set(0, 0.9));
    assertRejected("strictly increasing", r -> {
      ArrayNode edges = (ArrayNode) column(r, 1).get("edges");
      edges.set(1, edges.get(0).doubleValue());
    });
    int flag = MODEL.monitoringReference().orElseThrow().columns().stream().map(ColumnReference::column).toList()
        .indexOf("company_size_missing");
    assertRejected("shareOfOnes must be in [0, 1], got 1.5", r -> column(r, flag).put("shareOfOnes", 1.5));
    assertRejected("whose reference must be binary", r -> {
      ObjectNode c = column(r, flag);
      c.remove("shareOfOnes");
      c.put("kind", "quantile");
      c.putArray("edges").add(0.5);
      c.putArray("shares").add(0.5).add(0.5);
    });
    assertRejected("monitoring.columns[" + flag + "].kind must be binary or quantile",
        r -> column(r, flag).put("kind", "histogram"));
    assertRejected("monitoring.missingRates[0] is feature 'nope'",
        r -> ((ObjectNode) monitoring(r).get("missingRates").get(0)).put("feature", "nope"));
    assertRejected("monitoring.missingRates[0].rate must be in [0, 1]",
        r -> ((ObjectNode) monitoring(r).get("missingRates").get(0)).put("rate", -0.1));
    assertRejected("score histogram must sum to 1",
        r -> ((ArrayNode) monitoring(r).get("scores").get("histogram")).set(0, 0.99));
    assertRejected("missing required field monitoring.scores.tierShares.hot",
        r -> ((ObjectNode) monitoring(r).get("scores").get("tierShares")).remove("hot"));
    assertRejected("monitoring.scores.meanProbability must be a number",
        r -> ((ObjectNode) monitoring(r).get("scores")).put("meanProbability", "high"));
  }
}
