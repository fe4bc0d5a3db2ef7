package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fitting: what is learned, from which rows, and how reproducibly; and the declaration's own rules. */
class FeatureSchemaTest {

  static final Instant AS_OF = Instant.parse("2025-06-01T12:00:00Z");
  static final double INF = Double.POSITIVE_INFINITY;

  static FeatureInfo info(String name) {
    return FeatureInfo.of(name, FeatureInfo.FIRMOGRAPHIC);
  }

  static Lead row(String id, String attribute, double value) {
    return Lead.builder(id).number(attribute, value).build();
  }

  static Lead row(String id, String attribute, String value) {
    return Lead.builder(id).text(attribute, value).build();
  }

  static final FeatureSchema SIZE = FeatureSchema.of("s", 1,
      new NumericFeature(info("size"), "size", false, -INF, INF, Imputation.mean(), true, List.of()));

  // ==================================================================== what is learned, from which rows

  @Test
  void imputationIsLearnedFromTheTrainingRowsOnly() {
    List<Lead> a = List.of(row("a1", "size", 10), row("a2", "size", 20), row("a3", "size", 60));
    List<Lead> b = List.of(row("b1", "size", 1000), row("b2", "size", 3000), Lead.builder("b3").build());
    FittedSchema fitted = SIZE.fit(a);
    // (10 + 20 + 60) / 3 = 30
    assertEquals(30.0, fitted.imputedValue("size"));
    // a row of B with no value gets A's mean; B's own values play no part
    assertArrayEquals(new double[] {30, 1}, fitted.extract(b.get(2), AS_OF));
    assertArrayEquals(new double[] {1000, 0}, fitted.extract(b.get(0), AS_OF));
    // fitting on B instead learns B's mean, (1000 + 3000) / 2
    assertEquals(2000.0, SIZE.fit(b).imputedValue("size"));
  }

  @Test
  void aLearnedLevelIsKeptOnlyWhenSeenAtLeastMinCountTimes() {
    FeatureSchema s = FeatureSchema.of("s", 1, CategoricalFeature.learned(info("industry"), "industry", 3, List.of()));
    List<Lead> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(row("s" + i, "industry", i == 0 ? "SaaS" : " saas")); // 3 × saas, once spelled differently
    }
    for (int i = 0; i < 2; i++) {
      rows.add(row("r" + i, "industry", "Retail")); // 2 × retail < 3
    }
    rows.add(row("m", "industry", "Mining"));
    FittedSchema fitted = s.fit(rows);
    assertEquals(List.of("saas"), fitted.levels("industry"));
    assertEquals(List.of("industry=saas", "industry=other", "industry=missing"), fitted.columns().stream().map(Column::name).toList());
    assertArrayEquals(new double[] {0, 1, 0}, fitted.extract(row("x", "industry", "Retail"), AS_OF));
    // one more retail row reaches the threshold
    rows.add(row("r2", "industry", "RETAIL"));
    assertEquals(List.of("retail", "saas"), s.fit(rows).levels("industry"));
  }

  @Test
  void valuesSpelledLikeTheReservedLevelsAreNotLearned() {
    FeatureSchema s = FeatureSchema.of("s", 1, CategoricalFeature.learned(info("industry"), "industry", 1, List.of()));
    FittedSchema fitted = s.fit(List.of(row("a", "industry", "Other"), row("b", "industry", "missing"), row("c", "industry", "x")));
    assertEquals(List.of("x"), fitted.levels("industry"));
    assertArrayEquals(new double[] {0, 1, 0}, fitted.extract(row("d", "industry", "Missing"), AS_OF));
  }

  @Test
  void withNoTrainingValueAMeanOrMedianCannotBeLearned() {
    for (Imputation imp : List.of(Imputation.mean(), Imputation.median())) {
      FeatureSchema s = FeatureSchema.of("s", 1,
          new NumericFeature(info("size"), "size", true, 0, INF, imp, true, List.of("Select")));
      for (List<Lead> rows : List.of(List.<Lead>of(), List.of(Lead.builder("a").build(), row("b", "size", "Select")))) {
        SchemaException e = assertThrows(SchemaException.class, () -> s.fit(rows));
        String m = e.getMessage();
        assertTrue(m.contains("'size'") && m.contains(imp.strategy().name()) && m.contains("no training row has a value")
            && m.contains("CONSTANT"), m);
      }
    }
    FeatureSchema bool = FeatureSchema.of("s", 1, new BooleanFeature(info("dm"), "dm", Imputation.mean(), false, List.of()));
    assertTrue(assertThrows(SchemaException.class, () -> bool.fit(List.of())).getMessage().contains("'dm'"));
    Map<String, Double> mapping = Map.of("High", 1.0);
    FeatureSchema ord = FeatureSchema.of("s", 1, new OrdinalFeature(info("q"), "q", mapping, Imputation.median(), false, List.of()));
    assertTrue(assertThrows(SchemaException.class, () -> ord.fit(List.of())).getMessage().contains("'q'"));
  }

  @Test
  void declaredValuesNeedNoTrainingRows() {
    FeatureSchema s = FeatureSchema.of("s", 1,
        new NumericFeature(info("size"), "size", true, 0, INF, Imputation.constant(9), true, List.of()),
        BooleanFeature.of(info("dm"), "dm"),
        new CategoricalFeature(info("region"), "region", List.of("EMEA"), 1, true, List.of()),
        CategoricalFeature.learned(info("industry"), "industry", 1, List.of()),
        EventCountFeature.of(info("visits"), "visit", 30),
        new RecencyFeature(info("recency"), List.of("visit"), 30, true));
    FittedSchema fitted = s.fit(List.of());
    assertEquals(Math.log1p(9), fitted.imputedValue("size"));
    assertEquals(0.0, fitted.imputedValue("dm"));
    assertEquals(List.of("emea"), fitted.levels("region"));
    assertEquals(List.of(), fitted.levels("industry")); // only other and missing
    assertTrue(Double.isNaN(fitted.imputedValue("visits")));
    assertEquals(List.of("size", "size_missing", "dm", "region=emea", "region=other", "region=missing", "industry=other",
        "industry=missing", "visits", "recency", "recency_missing"), fitted.columns().stream().map(Column::name).toList());
  }

  @Test
  void anUnreadableTrainingValueNamesTheRow() {
    LeadDataException e = assertThrows(LeadDataException.class,
        () -> SIZE.fit(List.of(row("ok", "size", 1), row("T-9", "size", "lots"))));
    assertTrue(e.getMessage().contains("T-9") && e.getMessage().contains("size") && e.getMessage().contains("lots"), e.getMessage());
  }

  @Test
  void hugeTrainingValuesDoNotOverflowTheMeanOrMedian() {
    List<Lead> rows = List.of(row("a", "size", Double.MAX_VALUE), row("b", "size", Double.MAX_VALUE));
    // (MAX + MAX) / 2 would be +Infinity; the mean of two equal values is that value
    assertEquals(Double.MAX_VALUE, SIZE.fit(rows).imputedValue("size"));
    FeatureSchema median = FeatureSchema.of("s", 1,
        new NumericFeature(info("size"), "size", false, -INF, INF, Imputation.median(), false, List.of()));
    assertEquals(Double.MAX_VALUE, median.fit(rows).imputedValue("size"));
    List<Lead> mixed = List.of(row("a", "size", 1e308), row("b", "size", 1e308), row("c", "size", -1e308));
    assertEquals(1e308 / 3, SIZE.fit(mixed).imputedValue("size"), 1e293);
  }

  @Test
  void fitAcceptsAnyIterableAndCopiesIt() {
    Set<Lead> rows = new LinkedHashSet<>(List.of(row("a", "size", 4), row("b", "size", 8)));
    FittedSchema fitted = SIZE.fit(rows);
    rows.add(row("c", "size", 1000));
    assertEquals(6.0, fitted.imputedValue("size"));
  }

  // ==================================================================== reproducibility

  @Test
  void fittingTheSameRowsTwiceGivesTheSameFingerprint() {
    List<Lead> rows = List.of(row("a", "size", 0.1), row("b", "size", 0.2), row("c", "size", 0.3));
    assertEquals(SIZE.fit(rows).fingerprint(), SIZE.fit(rows).fingerprint());
    assertEquals(SIZE.fit(rows), SIZE.fit(new ArrayList<>(rows)));
  }

  /**
   * The same rows in another order give the same fit, bit for bit. Summed in row order they would
   * not: (0.1 + 0.2) + 0.3 = 0.6000000000000001 but (0.3 + 0.2) + 0.1 = 0.6. Fitting sorts the
   * values before summing, so a fit depends on the training set, not on the order it was read in
   * (a CSV re-exported in another order must not give a "different" fitted schema).
   */
  @Test
  void shuffledRowsGiveTheSameFingerprint() {
    assertNotEquals((0.1 + 0.2) + 0.3, (0.3 + 0.2) + 0.1); // the hazard
    FittedSchema up = SIZE.fit(List.of(row("a", "size", 0.1), row("b", "size", 0.2), row("c", "size", 0.3)));
    FittedSchema down = SIZE.fit(List.of(row("c", "size", 0.3), row("b", "size", 0.2), row("a", "size", 0.1)));
    assertEquals(Double.doubleToLongBits(up.imputedValue("size")), Double.doubleToLongBits(down.imputedValue("size")));
    assertEquals(up.fingerprint(), down.fingerprint());
  }

  @Test
  void shuffledRowsGiveTheSameFingerprintForArbitraryData() {
    Map<String, Double> mapping = new LinkedHashMap<>();
    mapping.put("Low", 0.1);
    mapping.put("Mid", 0.2);
    mapping.put("High", 0.7);
    FeatureSchema s = FeatureSchema.of("s", 1,
        new NumericFeature(info("raw"), "raw", false, -INF, INF, Imputation.mean(), true, List.of()),
        new NumericFeature(info("logged"), "logged", true, 0, 1e9, Imputation.median(), true, List.of()),
        new BooleanFeature(info("dm"), "dm", Imputation.mean(), false, List.of()),
        new OrdinalFeature(info("q"), "q", mapping, Imputation.mean(), false, List.of()),
        CategoricalFeature.learned(info("industry"), "industry", 2, List.of()));
    Gen<Lead> rows = r -> {
      Lead.Builder b = Lead.builder("row");
      if (r.nextInt(5) > 0) {
        b.number("raw", Gen.anyOf(Gen.finiteDoubles(), Gen.decimals(-100, 100, 1)).next(r));
      }
      b.number("logged", Gen.doubles(0, 1e6).next(r));
      b.bool("dm", r.nextBoolean());
      b.text("q", Gen.oneOf("Low", "Mid", "High").next(r));
      b.text("industry", Gen.oneOf("SaaS", "saas ", "Retail", "Mining", "Energy", "x").next(r));
      return b.build();
    };
    // one row with every value, so that every imputation can be learned
    Lead full = Lead.builder("full").number("raw", 1.5).number("logged", 3).bool("dm", true).text("q", "Mid").build();
    Gen<List<Lead>> sets = Gen.lists(rows, 0, 40).map(l -> {
      l.add(full);
      return l;
    });
    PropertyCheck.forAll(sets, Gen.longs(0, Long.MAX_VALUE), (leads, seed) -> {
      List<Lead> shuffled = new ArrayList<>(leads);
      Collections.shuffle(shuffled, new Random(seed));
      FittedSchema a = s.fit(leads);
      FittedSchema b = s.fit(shuffled);
      assertEquals(a.fingerprint(), b.fingerprint(), () -> a.toJson() + "\nvs\n" + b.toJson());
    });
  }

  // ==================================================================== the declaration

  @Test
  void schemaRules() {
    FeatureSpec f = NumericFeature.of(info("size"), "size");
    assertTrue(assertThrows(SchemaException.class, () -> FeatureSchema.of(" ", 1, f)).getMessage().contains("name"));
    assertTrue(assertThrows(SchemaException.class, () -> FeatureSchema.of("s", 0, f)).getMessage().contains("version"));
    assertTrue(assertThrows(SchemaException.class, () -> FeatureSchema.of("s", 1)).getMessage().contains("at least one"));
    assertTrue(assertThrows(SchemaException.class, () -> FeatureSchema.of("s", 1, f, f)).getMessage().contains("'size'"));
  }

  @Test
  void featureRules() {
    // each message names the feature and the rule
    assertRule("'x'", "clip", () -> new NumericFeature(info("x"), "x", false, 5, 1, Imputation.mean(), false, List.of()));
    assertRule("'x'", "clipMin", () -> new NumericFeature(info("x"), "x", false, INF, INF, Imputation.mean(), false, List.of()));
    assertRule("'x'", "clipMax", () -> new NumericFeature(info("x"), "x", false, -INF, -INF, Imputation.mean(), false, List.of()));
    assertRule("'x'", "clip", () -> new NumericFeature(info("x"), "x", false, Double.NaN, 1, Imputation.mean(), false, List.of()));
    assertRule("'x'", "attribute", () -> NumericFeature.of(info("x"), " "));
    assertRule("'x'", "0 or 1", () -> new BooleanFeature(info("x"), "x", Imputation.constant(2), false, List.of()));
    assertRule("'x'", "mapping", () -> new OrdinalFeature(info("x"), "x", Map.of(), Imputation.mean(), false, List.of()));
    assertRule("'x'", "mapping", () -> new OrdinalFeature(info("x"), "x", Map.of("A", 1.0, " a", 2.0), Imputation.mean(), false,
        List.of()));
    assertRule("'x'", "minCount", () -> CategoricalFeature.learned(info("x"), "x", 0, List.of()));
    assertRule("'x'", "windowDays", () -> EventCountFeature.of(info("x"), "v", 0));
    assertRule("'x'", "eventTypes", () -> new EventCountFeature(info("x"), List.of(), 1, Decay.none(), INF, false));
    assertRule("'x'", "eventTypes", () -> new EventCountFeature(info("x"), List.of("v", "v"), 1, Decay.none(), INF, false));
    assertRule("'x'", "cap", () -> new EventCountFeature(info("x"), List.of("v"), 1, Decay.none(), 0, false));
    assertRule("'x'", "capDays", () -> new RecencyFeature(info("x"), List.of("v"), INF, false));
    assertRule("'x'", "eventTypes", () -> new RecencyFeature(info("x"), List.of("a", "a"), 5, false));
    assertRule("'x'", "family", () -> FeatureInfo.of("x", "Firmographic"));
    assertRule("'x y'", "name", () -> FeatureInfo.of("x y", "firmographic"));
    assertRule("'x'", "parent", () -> new InteractionFeature(info("x"), "a", ""));
    assertThrows(IllegalArgumentException.class, () -> Decay.halfLife(0));
    assertThrows(IllegalArgumentException.class, () -> new Decay.StepSchedule(List.of(), 0));
    assertThrows(IllegalArgumentException.class,
        () -> new Decay.StepSchedule(List.of(new Decay.Step(7, 1), new Decay.Step(7, 0.5)), 0));
    assertThrows(IllegalArgumentException.class, () -> ReasonTemplates.of("a", ""));
    assertThrows(IllegalArgumentException.class, () -> Imputation.constant(Double.NaN));
  }

  static void assertRule(String feature, String rule, Runnable declaration) {
    SchemaException e = assertThrows(SchemaException.class, declaration::run);
    assertTrue(e.getMessage().contains(feature) && e.getMessage().contains(rule), e.getMessage());
  }

  @Test
  void lookups() {
    FeatureSchema s = FeatureSchema.of("s", 2,
        NumericFeature.of(info("size"), "company_size"),
        new EventCountFeature(info("visits"), List.of("visit", "pricing"), 30, Decay.none(), INF, false),
        new RecencyFeature(info("recency"), List.of("pricing", "demo"), 30, false),
        new TitleSeniorityFeature(info("seniority"), "title", List.of()));
    assertEquals(List.of("company_size", "title"), List.copyOf(s.attributes()));
    assertEquals(List.of("visit", "pricing", "demo"), List.copyOf(s.eventTypes()));
    assertTrue(s.hasFeature("visits"));
    assertEquals("visits", s.feature("visits").name());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.feature("nope"));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
    FittedSchema fitted = s.fit(List.of(row("a", "company_size", 3)));
    assertEquals(3, fitted.featureIndex("seniority"));
    assertThrows(IllegalArgumentException.class, () -> fitted.featureIndex("nope"));
    assertThrows(IllegalArgumentException.class, () -> fitted.columnIndex("nope"));
    Column flag = fitted.columns().get(fitted.columnIndex("size_missing"));
    assertEquals(new Column(1, "size_missing", "size", FeatureInfo.FIRMOGRAPHIC, Column.Role.MISSING_FLAG, null), flag);
    Column vp = fitted.columns().get(fitted.columnIndex("seniority=vp"));
    assertEquals(Column.Role.LEVEL, vp.role());
    assertEquals("vp", vp.level());
    assertTrue(s.toString().contains(s.fingerprint()) && fitted.toString().contains(fitted.fingerprint()));
  }
}
