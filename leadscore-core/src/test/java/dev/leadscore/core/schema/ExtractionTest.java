package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Feature extraction, one feature kind at a time, against values worked out by hand. Every
 * expected number is written as the arithmetic that produces it.
 */
class ExtractionTest {

  static final Instant AS_OF = Instant.parse("2025-06-01T12:00:00Z");
  static final double INF = Double.POSITIVE_INFINITY;
  static final String FIRMO = FeatureInfo.FIRMOGRAPHIC;
  static final String BEHAV = FeatureInfo.BEHAVIORAL;

  static FeatureInfo info(String name, String family) {
    return FeatureInfo.of(name, family);
  }

  static FittedSchema fit(List<Lead> training, FeatureSpec... specs) {
    return FeatureSchema.of("test", 1, specs).fit(training);
  }

  static FittedSchema fit(FeatureSpec... specs) {
    return fit(List.of(), specs);
  }

  static Lead.Builder lead(String id) {
    return Lead.builder(id);
  }

  static Instant daysAgo(double days) {
    return AS_OF.minusMillis(Math.round(days * 86_400_000L));
  }

  static double[] x(FittedSchema s, Lead lead) {
    return s.extract(lead, AS_OF);
  }

  static double col(FittedSchema s, Lead lead, String column) {
    return x(s, lead)[s.columnIndex(column)];
  }

  /** The values of the columns whose names start with {@code prefix}, in vector order. */
  static double[] block(FittedSchema s, double[] row, String prefix) {
    return s.columns().stream().filter(c -> c.name().startsWith(prefix)).mapToDouble(c -> row[c.index()]).toArray();
  }

  static void assertOneHot(FittedSchema s, Lead lead, String feature, String expectedLevel) {
    double[] row = x(s, lead);
    int ones = 0;
    for (Column c : s.columns()) {
      if (c.feature().equals(feature)) {
        assertEquals(Column.Role.LEVEL, c.role());
        double v = row[c.index()];
        assertTrue(v == 0.0 || v == 1.0, c.name() + " = " + v);
        if (v == 1.0) {
          ones++;
          assertEquals(feature + "=" + expectedLevel, c.name(), "lead " + lead.id());
        }
      }
    }
    assertEquals(1, ones, "exactly one level of '" + feature + "' is set");
  }

  // ==================================================================== numeric

  @Nested
  class Numeric {
    // company_size: clipped to [0, 500], then ln(1 + x); missing imputed by a constant 0 (→ ln 1 = 0)
    final NumericFeature size = new NumericFeature(info("company_size", FIRMO), "company_size", true, 0, 500,
        Imputation.constant(0), false, List.of());
    // revenue: clipped to [0, 1000], log1p, missing tokens Select/unknown/999, constant 99 → ln(100), flagged
    final NumericFeature revenue = new NumericFeature(info("revenue", FIRMO), "revenue", true, 0, 1000,
        Imputation.constant(99), true, List.of("Select", "unknown", "999"));

    @Test
    void clipsThenTakesLog1p() {
      FittedSchema s = fit(size);
      // 999 clipped to 500 → ln(1 + 500) = ln(501)
      assertEquals(Math.log(501), col(s, lead("a").number("company_size", 999).build(), "company_size"), 1e-15);
      assertEquals(Math.log1p(500), col(s, lead("a").number("company_size", 999).build(), "company_size"));
      // 250 inside the bounds → ln(251)
      assertEquals(Math.log1p(250), col(s, lead("b").number("company_size", 250).build(), "company_size"));
      // -5 clipped to 0 → ln(1) = 0
      assertEquals(0.0, col(s, lead("c").number("company_size", -5).build(), "company_size"));
    }

    @Test
    void withoutLogTheClippedValueIsKept() {
      NumericFeature f = new NumericFeature(info("n", FIRMO), "n", false, -10, 10, Imputation.constant(0), false, List.of());
      FittedSchema s = fit(f);
      assertEquals(10.0, col(s, lead("a").number("n", 1e300).build(), "n"));
      assertEquals(-10.0, col(s, lead("a").number("n", -1e300).build(), "n"));
      assertEquals(3.25, col(s, lead("a").number("n", 3.25).build(), "n"));
    }

    @Test
    void negativeValuesUseTheSignSymmetricLog() {
      NumericFeature f = new NumericFeature(info("delta", FIRMO), "delta", true, -INF, INF, Imputation.constant(0), false, List.of());
      FittedSchema s = fit(f);
      // sign(-9)·ln(1 + 9) = -ln 10
      assertEquals(-Math.log1p(9), col(s, lead("a").number("delta", -9).build(), "delta"));
    }

    @Test
    void numberGivenAsPaddedTextParses() {
      FittedSchema s = fit(size);
      // " 250 " → 250 → ln(251)
      assertEquals(Math.log1p(250), col(s, lead("a").text("company_size", " 250 ").build(), "company_size"));
      assertEquals(Math.log1p(12.5), col(s, lead("a").text("company_size", "12.5").build(), "company_size"));
    }

    @Test
    void everyMissingSpellingIsImputedAndFlagged() {
      FittedSchema s = fit(revenue);
      // constant 99 in raw units → clip (inside [0, 1000]) → ln(1 + 99) = ln(100)
      double[] imputed = {Math.log1p(99), 1};
      List<Lead> missing = List.of(
          lead("absent").build(),
          lead("explicit-absent").absent("revenue").build(),
          lead("empty").text("revenue", "").build(),
          lead("blank").text("revenue", "   \t").build(),
          lead("select").text("revenue", "Select").build(),
          lead("select-padded-upper").text("revenue", "  SELECT ").build(),
          lead("unknown-mixed").text("revenue", "UnKnown").build(),
          lead("sentinel-num").number("revenue", 999).build(),
          lead("sentinel-text").text("revenue", "999").build(),
          lead("sentinel-text-padded").text("revenue", " 999 ").build(),
          lead("sentinel-text-decimal").text("revenue", "999.0").build());
      for (Lead l : missing) {
        assertArrayEquals(imputed, x(s, l), l.id());
      }
      // a present value: 50 → ln(51), flag 0
      assertArrayEquals(new double[] {Math.log1p(50), 0}, x(s, lead("p").number("revenue", 50).build()));
      // 998 is not the sentinel: ln(999), flag 0
      assertArrayEquals(new double[] {Math.log1p(998), 0}, x(s, lead("p").number("revenue", 998).build()));
    }

    @Test
    void constantImputationIsInRawUnitsAndTransformed() {
      // constant 999 raw → clipped to 500 → ln(501); the sentinel is not a token here
      NumericFeature f = new NumericFeature(info("company_size", FIRMO), "company_size", true, 0, 500,
          Imputation.constant(999), true, List.of());
      FittedSchema s = fit(f);
      assertEquals(Math.log1p(500), s.imputedValue("company_size"));
      assertArrayEquals(new double[] {Math.log1p(500), 1}, x(s, lead("a").build()));
    }

    @Test
    void meanImputationIsLearnedInTransformedUnits() {
      NumericFeature f = new NumericFeature(info("visits", BEHAV), "visits", true, -INF, INF, Imputation.mean(), true, List.of());
      List<Lead> training = List.of(
          lead("t1").number("visits", 1).build(), // ln 2
          lead("t2").number("visits", 3).build(), // ln 4
          lead("t3").number("visits", 7).build(), // ln 8
          lead("t4").build()); // missing: not part of the mean
      FittedSchema s = fit(training, f);
      // (ln 2 + ln 4 + ln 8) / 3 = ln 64 / 3 = 2 ln 2, summed in ascending order
      double expected = (Math.log1p(1) + Math.log1p(3) + Math.log1p(7)) / 3;
      assertEquals(expected, s.imputedValue("visits"));
      assertEquals(2 * Math.log(2), expected, 1e-15);
      // not the mean of the raw values, ln(1 + 11/3)
      assertTrue(Math.abs(expected - Math.log1p(11.0 / 3)) > 0.1);
      assertArrayEquals(new double[] {expected, 1}, x(s, lead("new").build()));
      assertArrayEquals(new double[] {Math.log1p(3), 0}, x(s, lead("new").number("visits", 3).build()));
    }

    @Test
    void medianImputationIsLearnedInTransformedUnits() {
      NumericFeature f = new NumericFeature(info("visits", BEHAV), "visits", true, -INF, INF, Imputation.median(), false, List.of());
      // odd count: ln(1+3)
      FittedSchema odd = fit(List.of(
          lead("t1").number("visits", 100).build(),
          lead("t2").number("visits", 1).build(),
          lead("t3").number("visits", 3).build()), f);
      assertEquals(Math.log1p(3), odd.imputedValue("visits"));
      // even count: (ln 4 + ln 8) / 2 = ln(32)/2
      FittedSchema even = fit(List.of(
          lead("t1").number("visits", 100).build(),
          lead("t2").number("visits", 1).build(),
          lead("t3").number("visits", 7).build(),
          lead("t4").number("visits", 3).build()), f);
      assertEquals((Math.log1p(3) + Math.log1p(7)) / 2, even.imputedValue("visits"));
      assertArrayEquals(new double[] {(Math.log1p(3) + Math.log1p(7)) / 2}, x(even, lead("new").build()));
    }

    @Test
    void nonNumericTextIsRejectedNamingLeadFieldAndValue() {
      FittedSchema s = fit(size);
      LeadDataException e = assertThrows(LeadDataException.class,
          () -> x(s, lead("L-17").text("company_size", "abc").build()));
      assertTrue(e.getMessage().contains("L-17"), e.getMessage());
      assertTrue(e.getMessage().contains("company_size"), e.getMessage());
      assertTrue(e.getMessage().contains("abc"), e.getMessage());
      assertEquals("L-17", e.leadId());
      assertEquals("company_size", e.field());
      // Java-only number spellings are not numbers in an export.
      for (String javaOnly : new String[] {"1d", "0x1p3", "2f", "NaN", "Infinity"}) {
        assertThrows(LeadDataException.class, () -> x(s, lead("L-18").text("company_size", javaOnly).build()), javaOnly);
      }
      assertEquals(Math.log1p(250), x(s, lead("L-19").text("company_size", " 2.5e2 ").build())[0], 1e-12);
    }

    @Test
    void nonFiniteTextIsRejected() {
      FittedSchema s = fit(size);
      for (String bad : List.of("NaN", "Infinity", "-Infinity", "1e400")) {
        LeadDataException e = assertThrows(LeadDataException.class, () -> x(s, lead("L1").text("company_size", bad).build()));
        assertTrue(e.getMessage().contains(bad), e.getMessage());
      }
    }

    @Test
    void booleanIsRejected() {
      FittedSchema s = fit(size);
      LeadDataException e = assertThrows(LeadDataException.class,
          () -> x(s, lead("L-2").bool("company_size", true).build()));
      assertEquals("company_size", e.field());
      assertTrue(e.getMessage().contains("L-2") && e.getMessage().contains("boolean"), e.getMessage());
    }
  }

  // ==================================================================== boolean

  @Nested
  class Booleans {
    final BooleanFeature dm = new BooleanFeature(info("decision_maker", FIRMO), "decision_maker", Imputation.constant(0), true,
        List.of("Select"));

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        true     | 1
        TRUE     | 1
        True     | 1
        " true " | 1
        yes      | 1
        YES      | 1
        Yes      | 1
        y        | 1
        Y        | 1
        " Y"     | 1
        1        | 1
        " 1 "    | 1
        t        | 1
        T        | 1
        false    | 0
        FALSE    | 0
        "False " | 0
        no       | 0
        No       | 0
        NO       | 0
        n        | 0
        N        | 0
        0        | 0
        "\t0"    | 0
        f        | 0
        F        | 0
        """)
    void textSpellings(String text, double expected) {
      FittedSchema s = fit(dm);
      assertArrayEquals(new double[] {expected, 0}, x(s, lead("a").text("decision_maker", text).build()));
    }

    @Test
    void booleansAndTheNumbersZeroAndOne() {
      FittedSchema s = fit(dm);
      assertArrayEquals(new double[] {1, 0}, x(s, lead("a").bool("decision_maker", true).build()));
      assertArrayEquals(new double[] {0, 0}, x(s, lead("a").bool("decision_maker", false).build()));
      assertArrayEquals(new double[] {1, 0}, x(s, lead("a").number("decision_maker", 1).build()));
      assertArrayEquals(new double[] {0, 0}, x(s, lead("a").number("decision_maker", 0).build()));
      // -0.0 is the number zero; the column holds +0.0
      assertEquals(Double.doubleToRawLongBits(0.0),
          Double.doubleToRawLongBits(x(s, lead("a").number("decision_maker", -0.0).build())[0]));
    }

    @Test
    void otherNumbersAndWordsAreRejected() {
      FittedSchema s = fit(dm);
      LeadDataException e = assertThrows(LeadDataException.class, () -> x(s, lead("L9").number("decision_maker", 2).build()));
      assertTrue(e.getMessage().contains("L9") && e.getMessage().contains("decision_maker") && e.getMessage().contains("2"),
          e.getMessage());
      LeadDataException e2 = assertThrows(LeadDataException.class, () -> x(s, lead("L9").text("decision_maker", "maybe").build()));
      assertTrue(e2.getMessage().contains("maybe"), e2.getMessage());
      assertThrows(LeadDataException.class, () -> x(s, lead("L9").text("decision_maker", "2.0").build()));
      assertThrows(LeadDataException.class, () -> x(s, lead("L9").text("decision_maker", "0x1p0").build()));
    }

    @Test
    void spreadsheetStyleOneAndZeroAreFlags() {
      FittedSchema s = fit(dm);
      int col = s.columnIndex("decision_maker");
      assertEquals(1.0, x(s, lead("L10").text("decision_maker", " 1.0 ").build())[col]);
      assertEquals(0.0, x(s, lead("L11").text("decision_maker", "0.00").build())[col]);
    }

    @Test
    void missingIsImputedAndFlagged() {
      FittedSchema s = fit(dm);
      assertArrayEquals(new double[] {0, 1}, x(s, lead("a").build()));
      assertArrayEquals(new double[] {0, 1}, x(s, lead("a").text("decision_maker", " select ").build()));
      assertArrayEquals(new double[] {0, 1}, x(s, lead("a").text("decision_maker", "").build()));
    }

    @Test
    void meanImputationIsTheTrainingRateOfOnes() {
      BooleanFeature f = new BooleanFeature(info("opted_in", BEHAV), "opted_in", Imputation.mean(), true, List.of());
      FittedSchema s = fit(List.of(
          lead("t1").bool("opted_in", true).build(),
          lead("t2").text("opted_in", "no").build(),
          lead("t3").text("opted_in", "Yes").build(),
          lead("t4").build()), f); // missing: not counted
      // (1 + 0 + 1) / 3 = 2/3
      assertEquals(2.0 / 3, s.imputedValue("opted_in"), 1e-15);
      assertArrayEquals(new double[] {s.imputedValue("opted_in"), 1}, x(s, lead("new").build()));
    }
  }

  // ==================================================================== ordinal

  @Nested
  class Ordinal {
    final Map<String, Double> mapping = new LinkedHashMap<>();

    {
      mapping.put("01.High", 3.0);
      mapping.put("02.Medium", 2.0);
      mapping.put("03.Low", 1.0);
    }

    final OrdinalFeature quality = new OrdinalFeature(info("lead_quality", FIRMO), "lead_quality", mapping, Imputation.mean(), true,
        List.of("Select"));
    final List<Lead> training = List.of(
        lead("t1").text("lead_quality", "01.High").build(),
        lead("t2").text("lead_quality", "01.High").build(),
        lead("t3").text("lead_quality", "03.Low").build(),
        lead("t4").text("lead_quality", "Select").build());

    @Test
    void keysMatchNormalised() {
      FittedSchema s = fit(training, quality);
      assertArrayEquals(new double[] {3, 0}, x(s, lead("a").text("lead_quality", "  01.HIGH ").build()));
      assertArrayEquals(new double[] {2, 0}, x(s, lead("a").text("lead_quality", "02.medium").build()));
      assertArrayEquals(new double[] {1, 0}, x(s, lead("a").text("lead_quality", "03.Low").build()));
    }

    @Test
    void missingIsImputedWithTheTrainingMeanAndFlagged() {
      FittedSchema s = fit(training, quality);
      // (3 + 3 + 1) / 3 = 7/3; "Select" in training is missing and not counted
      assertEquals(7.0 / 3, s.imputedValue("lead_quality"));
      assertArrayEquals(new double[] {7.0 / 3, 1}, x(s, lead("a").build()));
      assertArrayEquals(new double[] {7.0 / 3, 1}, x(s, lead("a").text("lead_quality", "SELECT").build()));
      assertArrayEquals(new double[] {7.0 / 3, 1}, x(s, lead("a").text("lead_quality", " ").build()));
    }

    @Test
    void undeclaredValueIsRejectedListingTheKeys() {
      FittedSchema s = fit(training, quality);
      LeadDataException e = assertThrows(LeadDataException.class, () -> x(s, lead("L5").text("lead_quality", "04.Worst").build()));
      String m = e.getMessage();
      assertTrue(m.contains("L5") && m.contains("lead_quality") && m.contains("04.Worst"), m);
      assertTrue(m.contains("01.High") && m.contains("02.Medium") && m.contains("03.Low"), m);
    }
  }

  // ==================================================================== categorical

  @Nested
  class Categorical {
    final CategoricalFeature industry = CategoricalFeature.learned(info("industry", FIRMO), "industry", 2, List.of("Select"));
    final List<Lead> training = List.of(
        lead("t1").text("industry", " SaaS ").build(),
        lead("t2").text("industry", "saas").build(),
        lead("t3").text("industry", "SAAS  ").build(),
        lead("t4").text("industry", "Retail").build(),
        lead("t5").text("industry", "retail ").build(),
        lead("t6").text("industry", "Mining").build(), // seen once < minCount 2: folded into other
        lead("t7").text("industry", "Select").build(),
        lead("t8").build());

    @Test
    void learnedLevelsAreNormalisedSortedAndRareOnesFold() {
      FittedSchema s = fit(training, industry);
      assertEquals(List.of("retail", "saas"), s.levels("industry"));
      assertEquals(List.of("industry=retail", "industry=saas", "industry=other", "industry=missing"),
          s.columns().stream().map(Column::name).toList());
      assertEquals("saas", s.columns().get(1).level());
      assertOneHot(s, lead("a").text("industry", "SaaS").build(), "industry", "saas");
      assertOneHot(s, lead("a").text("industry", "  RETAIL").build(), "industry", "retail");
      assertOneHot(s, lead("a").text("industry", "Mining").build(), "industry", "other");
    }

    @Test
    void unseenGoesToOtherAndMissingToMissing() {
      FittedSchema s = fit(training, industry);
      assertArrayEquals(new double[] {0, 0, 1, 0}, x(s, lead("a").text("industry", "Aerospace").build()));
      assertArrayEquals(new double[] {0, 0, 0, 1}, x(s, lead("a").text("industry", "select").build()));
      assertArrayEquals(new double[] {0, 0, 0, 1}, x(s, lead("a").build()));
      assertArrayEquals(new double[] {0, 0, 0, 1}, x(s, lead("a").text("industry", "  ").build()));
      // numbers are taken as their text
      assertOneHot(s, lead("a").number("industry", 42).build(), "industry", "other");
    }

    @Test
    void innerWhitespaceAndCaseDoNotMakeNewLevels() {
      CategoricalFeature f = CategoricalFeature.learned(info("what_matters", BEHAV), "what_matters", 2, List.of());
      FittedSchema s = fit(List.of(
          lead("t1").text("what_matters", "Interested  in MBA").build(),
          lead("t2").text("what_matters", "interested in mba").build()), f);
      assertEquals(List.of("interested in mba"), s.levels("what_matters"));
      assertOneHot(s, lead("a").text("what_matters", "INTERESTED\tIN   MBA ").build(), "what_matters", "interested in mba");
    }

    @Test
    void withoutMissingLevelMissingGoesToOther() {
      CategoricalFeature f = new CategoricalFeature(info("source", BEHAV), "source", List.of(), 1, false, List.of("Select"));
      FittedSchema s = fit(List.of(lead("t1").text("source", "Google").build()), f);
      assertEquals(List.of("source=google", "source=other"), s.columns().stream().map(Column::name).toList());
      assertArrayEquals(new double[] {0, 1}, x(s, lead("a").build()));
      assertArrayEquals(new double[] {0, 1}, x(s, lead("a").text("source", "Select").build()));
      assertArrayEquals(new double[] {1, 0}, x(s, lead("a").text("source", "google ").build()));
    }

    @Test
    void declaredLevelsAreUsedWithoutLearning() {
      CategoricalFeature f = new CategoricalFeature(info("region", FIRMO), "region", List.of("EMEA", "North  America"), 5, true,
          List.of());
      // training only ever sees APAC, five times: still not a level, because levels are declared
      List<Lead> training = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        training.add(lead("t" + i).text("region", "APAC").build());
      }
      FittedSchema s = fit(training, f);
      assertEquals(List.of("emea", "north america"), s.levels("region"));
      assertEquals(List.of("region=emea", "region=north america", "region=other", "region=missing"),
          s.columns().stream().map(Column::name).toList());
      assertOneHot(s, lead("a").text("region", "APAC").build(), "region", "other");
      assertOneHot(s, lead("a").text("region", "north america").build(), "region", "north america");
      assertOneHot(s, lead("a").text("region", "emea").build(), "region", "emea");
      assertOneHot(s, lead("a").build(), "region", "missing");
      // and the same with no training rows at all
      assertEquals(List.of("emea", "north america"), fit(f).levels("region"));
    }
  }

  // ==================================================================== event counts

  @Nested
  class EventCounts {
    static final String PRICING = "pricing_page_visit";

    EventCountFeature count(double window, Decay decay, double cap, boolean log1p) {
      return new EventCountFeature(info("pricing", BEHAV), List.of(PRICING), window, decay, cap, log1p);
    }

    double value(EventCountFeature f, Lead lead) {
      return x(fit(f), lead)[0];
    }

    @Test
    void windowBoundaryIsInclusive() {
      EventCountFeature f = count(30, Decay.none(), INF, false);
      // exactly 30 days old: inside
      assertEquals(1.0, value(f, lead("a").event(PRICING, AS_OF.minus(Duration.ofDays(30))).build()));
      // 30 days and 1 ms old: outside
      assertEquals(0.0, value(f, lead("a").event(PRICING, AS_OF.minus(Duration.ofDays(30)).minusMillis(1)).build()));
      // none at all: zero is an observation, not a missing value
      assertEquals(0.0, value(f, lead("a").build()));
    }

    @Test
    void halfLifeDecay() {
      EventCountFeature f = count(INF, Decay.halfLife(7), INF, false);
      // age = half-life → 0.5^1 = 0.5
      assertEquals(0.5, value(f, lead("a").event(PRICING, daysAgo(7)).build()));
      // age = two half-lives → 0.5^2 = 0.25
      assertEquals(0.25, value(f, lead("a").event(PRICING, daysAgo(14)).build()));
      // age 0 → 1; with count 2 at one half-life → 2 × 0.5 = 1; total 1 + 1 + 0.25 = 2.25
      assertEquals(2.25, value(f, lead("a")
          .event(PRICING, AS_OF)
          .event(PRICING, daysAgo(7), 2)
          .event(PRICING, daysAgo(14)).build()));
      // 3.5 days: 0.5^0.5 = 1/√2
      assertEquals(Math.sqrt(0.5), value(f, lead("a").event(PRICING, daysAgo(3.5)).build()), 1e-15);
    }

    @Test
    void stepScheduleBoundaries() {
      EventCountFeature f = count(INF, Decay.standardSteps(), INF, false);
      Object[][] cases = {
          {Duration.ZERO, 1.0},
          {Duration.ofDays(7), 1.0}, // up to and including 7 days
          {Duration.ofDays(7).plusMillis(1), 0.75},
          {Duration.ofDays(30), 0.75},
          {Duration.ofDays(30).plusMillis(1), 0.5},
          {Duration.ofDays(90), 0.5},
          {Duration.ofDays(90).plusMillis(1), 0.25},
          {Duration.ofDays(2000), 0.25},
      };
      for (Object[] c : cases) {
        Duration age = (Duration) c[0];
        assertEquals((double) c[1], value(f, lead("a").event(PRICING, AS_OF.minus(age)).build()), age.toString());
      }
    }

    @Test
    void countMultipliesTheWeight() {
      EventCountFeature f = count(INF, Decay.standardSteps(), INF, false);
      // 3 × 1.0 + 4 × 0.75 + 0 × 0.5 = 6
      assertEquals(6.0, value(f, lead("a")
          .event(PRICING, daysAgo(1), 3)
          .event(PRICING, daysAgo(10), 4)
          .event(PRICING, daysAgo(60), 0).build()));
    }

    @Test
    void capThenLog1p() {
      EventCountFeature f = count(INF, Decay.none(), 5, true);
      // 8 events → min(8, 5) = 5 → ln(1 + 5) = ln 6
      assertEquals(Math.log1p(5), value(f, lead("a").event(PRICING, daysAgo(1), 8).build()));
      // 2 events → ln 3 (under the cap)
      assertEquals(Math.log1p(2), value(f, lead("a").event(PRICING, daysAgo(1), 2).build()));
      // cap without log: min(8, 5) = 5
      assertEquals(5.0, value(count(INF, Decay.none(), 5, false), lead("a").event(PRICING, daysAgo(1), 8).build()));
    }

    @Test
    void futureEventsAreIgnoredAndAsOfItselfCountsFully() {
      EventCountFeature f = count(30, Decay.halfLife(7), INF, false);
      assertEquals(0.0, value(f, lead("a").event(PRICING, AS_OF.plusMillis(1)).build()));
      assertEquals(0.0, value(f, lead("a").event(PRICING, AS_OF.plusNanos(1)).build()));
      assertEquals(0.0, value(f, lead("a").event(PRICING, AS_OF.plus(Duration.ofDays(400)), 5).build()));
      // at asOf: age 0 → weight exactly 1
      assertEquals(1.0, value(f, lead("a").event(PRICING, AS_OF).build()));
      assertEquals(1.0, value(f, lead("a").event(PRICING, AS_OF).event(PRICING, AS_OF.plusMillis(1)).build()));
    }

    @Test
    void subMillisecondInstantsAreOrderedExactly() {
      Instant asOf = AS_OF.plusNanos(500_000); // half a millisecond past a whole millisecond
      FittedSchema s = fit(count(30, Decay.none(), INF, false));
      // 0.1 ms before asOf: counted; 0.1 ms after: not, though both share asOf's millisecond
      assertEquals(1.0, s.extract(lead("a").event(PRICING, asOf.minusNanos(100_000)).build(), asOf)[0]);
      assertEquals(0.0, s.extract(lead("a").event(PRICING, asOf.plusNanos(100_000)).build(), asOf)[0]);
    }

    @Test
    void unknownTypesAreIgnoredAndSeveralTypesAreSummed() {
      EventCountFeature f = new EventCountFeature(info("email_engagement", FeatureInfo.EMAIL), List.of("email_open", "email_click"),
          30, Decay.none(), INF, false);
      Lead l = lead("a")
          .event("email_open", daysAgo(1), 2)
          .event("email_click", daysAgo(2))
          .event("Email_Open", daysAgo(1)) // types are case-sensitive
          .event("webinar", daysAgo(1), 9)
          .build();
      // 2 opens + 1 click = 3
      assertEquals(3.0, value(f, l));
    }

    @Test
    void extremeInstantsAreNotAnError() {
      FittedSchema s = fit(count(INF, Decay.halfLife(7), INF, false),
          new RecencyFeature(info("last_seen", BEHAV), List.of(PRICING), 90, true));
      Lead l = lead("a").event(PRICING, Instant.MIN).event(PRICING, Instant.MAX).event(PRICING, Instant.EPOCH).build();
      double[] row = s.extract(l, AS_OF);
      // Instant.MIN: weight 0.5^(huge) = 0; MAX is in the future; EPOCH ≈ 20 000 days old ≈ 0
      assertEquals(0.0, row[0], 1e-300);
      assertArrayEquals(new double[] {90, 0}, Arrays.copyOfRange(row, 1, 3));
    }
  }

  // ==================================================================== recency

  @Nested
  class Recency {
    final RecencyFeature r = new RecencyFeature(info("days_since_visit", BEHAV), List.of("page_visit", "form_fill"), 90, true);

    @Test
    void fractionalDaysSinceTheLatestEvent() {
      FittedSchema s = fit(r);
      // 36 hours → 1.5 days
      assertArrayEquals(new double[] {1.5, 0}, x(s, lead("a").event("page_visit", AS_OF.minus(Duration.ofHours(36))).build()));
      // the latest of several (any listed type) wins: 6 hours → 0.25
      assertArrayEquals(new double[] {0.25, 0}, x(s, lead("a")
          .event("page_visit", daysAgo(10))
          .event("form_fill", AS_OF.minus(Duration.ofHours(6)))
          .event("page_visit", daysAgo(3)).build()));
      // at asOf → 0
      assertArrayEquals(new double[] {0, 0}, x(s, lead("a").event("form_fill", AS_OF).build()));
    }

    @Test
    void futureAndUnknownEventsAreIgnored() {
      FittedSchema s = fit(r);
      assertArrayEquals(new double[] {2, 0}, x(s, lead("a")
          .event("page_visit", daysAgo(2))
          .event("page_visit", AS_OF.plusMillis(1))
          .event("webinar", daysAgo(1)).build()));
    }

    @Test
    void noEventIsTheCapAndFlagged() {
      FittedSchema s = fit(r);
      assertArrayEquals(new double[] {90, 1}, x(s, lead("a").build()));
      assertArrayEquals(new double[] {90, 1}, x(s, lead("a").event("page_visit", AS_OF.plus(Duration.ofDays(1))).build()));
      assertArrayEquals(new double[] {90, 1}, x(s, lead("a").event("webinar", daysAgo(1)).build()));
    }

    @Test
    void capApplies() {
      FittedSchema s = fit(r);
      // 200 days → min(200, 90) = 90, but an event was seen: flag 0
      assertArrayEquals(new double[] {90, 0}, x(s, lead("a").event("page_visit", daysAgo(200)).build()));
    }

    @Test
    void anEventThatHappenedZeroTimesIsNoEvent() {
      FittedSchema s = fit(r);
      // count 0 at 1 day ago: it did not happen; the real one 5 days ago is the latest
      assertArrayEquals(new double[] {5, 0}, x(s, lead("a")
          .event("page_visit", daysAgo(1), 0)
          .event("page_visit", daysAgo(5)).build()));
      assertArrayEquals(new double[] {90, 1}, x(s, lead("a").event("page_visit", daysAgo(1), 0).build()));
    }
  }

  // ==================================================================== title and email

  @Nested
  class TitleAndEmail {
    final TitleSeniorityFeature title = new TitleSeniorityFeature(info("seniority", FIRMO), "title", List.of("Not given"));
    final EmailDomainFeature email = new EmailDomainFeature(info("email_domain", FIRMO), "email", List.of(), List.of("rival.com"));

    @Test
    void titleColumns() {
      FittedSchema s = fit(title);
      assertEquals(List.of("seniority=c_level", "seniority=vp", "seniority=director", "seniority=manager",
          "seniority=individual_contributor", "seniority=unknown"), s.columns().stream().map(Column::name).toList());
    }

    @Test
    void titlesAreParsedIntoOneLevel() {
      FittedSchema s = fit(title);
      assertOneHot(s, lead("a").text("title", "VP Sales").build(), "seniority", "vp");
      assertOneHot(s, lead("a").text("title", "Chief Executive Officer").build(), "seniority", "c_level");
      assertOneHot(s, lead("a").text("title", "Marketing Manager").build(), "seniority", "manager");
      assertOneHot(s, lead("a").text("title", "Software Engineer").build(), "seniority", "individual_contributor");
    }

    @Test
    void missingAndPlaceholderTitlesAreUnknown() {
      FittedSchema s = fit(title);
      assertOneHot(s, lead("a").build(), "seniority", "unknown");
      assertOneHot(s, lead("a").text("title", "   ").build(), "seniority", "unknown");
      assertOneHot(s, lead("a").text("title", "Select").build(), "seniority", "unknown");
      assertOneHot(s, lead("a").text("title", "not  GIVEN").build(), "seniority", "unknown");
    }

    @Test
    void aNumberAsTitleIsRejectedNamingTheField() {
      FittedSchema s = fit(title);
      LeadDataException e = assertThrows(LeadDataException.class, () -> x(s, lead("L3").number("title", 42).build()));
      assertEquals("title", e.field());
      assertTrue(e.getMessage().contains("L3") && e.getMessage().contains("title"), e.getMessage());
      assertThrows(LeadDataException.class, () -> x(s, lead("L3").bool("title", true).build()));
    }

    @Test
    void emailColumns() {
      FittedSchema s = fit(email);
      assertEquals(List.of("email_domain=corporate", "email_domain=free_mail", "email_domain=education",
          "email_domain=competitor", "email_domain=unknown"), s.columns().stream().map(Column::name).toList());
    }

    @Test
    void emailsAreClassifiedIntoOneClass() {
      FittedSchema s = fit(email);
      assertOneHot(s, lead("a").text("email", "jane@gmail.com").build(), "email_domain", "free_mail");
      assertOneHot(s, lead("a").text("email", " Jane@GMAIL.com ").build(), "email_domain", "free_mail");
      assertOneHot(s, lead("a").text("email", "bob@acme.com").build(), "email_domain", "corporate");
      assertOneHot(s, lead("a").text("email", "x@rival.com").build(), "email_domain", "competitor");
      assertOneHot(s, lead("a").text("email", "student@mit.edu").build(), "email_domain", "education");
      assertOneHot(s, lead("a").build(), "email_domain", "unknown");
      assertOneHot(s, lead("a").text("email", "").build(), "email_domain", "unknown");
      assertOneHot(s, lead("a").text("email", "not an address").build(), "email_domain", "unknown");
    }

    @Test
    void aNonTextEmailIsRejected() {
      FittedSchema s = fit(email);
      LeadDataException e = assertThrows(LeadDataException.class, () -> x(s, lead("L4").number("email", 7).build()));
      assertEquals("email", e.field());
    }

    @Test
    void aDeclaredFreeMailListReplacesTheDefault() {
      EmailDomainFeature f = new EmailDomainFeature(info("email_domain", FIRMO), "email", List.of("Mail.Example"), List.of());
      FittedSchema s = fit(f);
      assertOneHot(s, lead("a").text("email", "a@mail.example").build(), "email_domain", "free_mail");
      assertOneHot(s, lead("a").text("email", "a@gmail.com").build(), "email_domain", "corporate");
    }
  }

  // ==================================================================== interactions

  @Nested
  class Interactions {
    final BooleanFeature dm = BooleanFeature.of(info("decision_maker", FIRMO), "decision_maker");
    final EventCountFeature pricing = EventCountFeature.of(info("pricing_30d", BEHAV), "pricing_page_visit", 30);
    final TitleSeniorityFeature title = new TitleSeniorityFeature(info("seniority", FIRMO), "title", List.of());
    final InteractionFeature dmPricing = new InteractionFeature(info("dm_x_pricing", BEHAV), "decision_maker", "pricing_30d");
    final InteractionFeature vpPricing = new InteractionFeature(info("vp_x_pricing", BEHAV), "seniority=vp", "pricing_30d");

    @Test
    void productOfTheTransformedParents() {
      FittedSchema s = fit(dm, pricing, title, dmPricing, vpPricing);
      Lead l = lead("a").bool("decision_maker", true).text("title", "VP Sales")
          .event("pricing_page_visit", daysAgo(1), 2).event("pricing_page_visit", daysAgo(3)).build();
      double[] row = x(s, l);
      // decision_maker = 1, pricing = 2 + 1 = 3 → 1 × 3 = 3
      assertEquals(3.0, row[s.columnIndex("dm_x_pricing")]);
      // seniority=vp = 1 → 1 × 3 = 3
      assertEquals(3.0, row[s.columnIndex("vp_x_pricing")]);
      assertEquals(Column.Role.INTERACTION, s.columns().get(s.columnIndex("vp_x_pricing")).role());

      Lead manager = l.toBuilder().text("title", "Sales Manager").bool("decision_maker", false).build();
      double[] row2 = x(s, manager);
      assertEquals(0.0, row2[s.columnIndex("dm_x_pricing")]);
      assertEquals(0.0, row2[s.columnIndex("vp_x_pricing")]);
    }

    @Test
    void usesTheParentAfterItsTransformAndImputation() {
      NumericFeature visits = new NumericFeature(info("visits", BEHAV), "visits", true, 0, 100, Imputation.constant(1), true, List.of());
      InteractionFeature sq = new InteractionFeature(info("visits_sq", BEHAV), "visits", "visits_missing");
      FittedSchema s = fit(visits, sq);
      // missing → imputed ln 2, flag 1 → product ln 2
      assertEquals(Math.log(2), x(s, lead("a").build())[s.columnIndex("visits_sq")], 1e-15);
      // present 500 → clipped 100 → ln 101, flag 0 → product 0
      assertEquals(0.0, x(s, lead("a").number("visits", 500).build())[s.columnIndex("visits_sq")]);
    }

    @Test
    void aProductThatOverflowsIsReportedNotWritten() {
      NumericFeature amount = new NumericFeature(info("amount", FIRMO), "amount", false, -INF, INF, Imputation.constant(0), false,
          List.of());
      InteractionFeature sq = new InteractionFeature(info("amount_sq", FIRMO), "amount", "amount");
      FittedSchema s = fit(amount, sq);
      assertEquals(1e200, x(s, lead("a").number("amount", 1e100).build())[1], 1e185);
      LeadDataException e = assertThrows(LeadDataException.class, () -> x(s, lead("L8").number("amount", 1e300).build()));
      assertTrue(e.getMessage().contains("L8") && e.getMessage().contains("amount_sq"), e.getMessage());
    }
  }

  // ==================================================================== describe and display

  @Nested
  class Describe {
    final NumericFeature size = new NumericFeature(
        new FeatureInfo("company_size", FIRMO,
            ReasonTemplates.of("Company has {value}", "Company size unknown").withUnit("employees", null), false),
        "company_size", true, 0, 10_000, Imputation.constant(10), true, List.of("Select"));
    final EventCountFeature pricing = new EventCountFeature(
        new FeatureInfo("pricing_30d", BEHAV,
            ReasonTemplates.of("{value} in 30 days", "No pricing data").withUnit("pricing visits", null), true),
        List.of("pricing_page_visit"), 30, Decay.halfLife(7), INF, true);
    final BooleanFeature dm = BooleanFeature.of(info("decision_maker", FIRMO), "decision_maker");
    final RecencyFeature recency = new RecencyFeature(
        new FeatureInfo("days_since_visit", BEHAV,
            ReasonTemplates.of("Last active {value}", "Never active"), true),
        List.of("pricing_page_visit"), 90, true);
    final CategoricalFeature industry = new CategoricalFeature(info("industry", FIRMO), "industry", List.of("SaaS"), 1, true,
        List.of());
    final FittedSchema s = fit(size, pricing, dm, recency, industry);

    String describe(Lead l, String feature) {
      return s.describe(l, AS_OF, s.featureIndex(feature), s.extract(l, AS_OF));
    }

    String display(Lead l, String feature) {
      return s.displayValue(l, AS_OF, s.featureIndex(feature), s.extract(l, AS_OF));
    }

    @Test
    void templatesGetTheLeadsValue() {
      Lead l = lead("a").number("company_size", 250).bool("decision_maker", true).text("industry", "  SaaS ")
          .event("pricing_page_visit", daysAgo(2), 2).event("pricing_page_visit", daysAgo(10))
          .event("pricing_page_visit", AS_OF.plusMillis(1)).event("pricing_page_visit", daysAgo(40))
          .build();
      // a constant imputation says nothing about the typical lead, so no comparison is added
      assertEquals("Company has 250 employees", describe(l, "company_size"));
      // people read the plain count in the window (2 + 1), not the decayed weight; the future one is not counted
      assertEquals("3 pricing visits in 30 days", describe(l, "pricing_30d"));
      assertEquals("3", display(l, "pricing_30d"));
      // whole days since the latest event (2)
      assertEquals("Last active 2 days ago", describe(l, "days_since_visit"));
      assertEquals("yes", display(l, "decision_maker"));
      assertEquals("Decision maker: yes", describe(l, "decision_maker"));
      // the normalised level, readable: not the raw "  SaaS "
      assertEquals("Saas", display(l, "industry"));
      Lead one = lead("one").number("company_size", 1).event("pricing_page_visit", daysAgo(0)).build();
      assertEquals("Company has 1 employee", describe(one, "company_size"));
      assertEquals("1 pricing visit in 30 days", describe(one, "pricing_30d"));
      assertEquals("Last active today", describe(one, "days_since_visit"));
    }

    @Test
    void missingValuesGetTheMissingWording() {
      Lead l = lead("b").text("company_size", "select").event("pricing_page_visit", AS_OF.plusSeconds(5)).build();
      assertNull(display(l, "company_size"));
      assertEquals("Company size unknown", describe(l, "company_size"));
      assertEquals("Never active", describe(l, "days_since_visit"));
      assertEquals("Decision maker unknown", describe(l, "decision_maker"));
      assertNull(display(l, "industry"));
      // a zero count is a value, not missing, and reads as "no"
      assertEquals("No pricing visits in 30 days", describe(l, "pricing_30d"));
    }

    @Test
    void fractionalNumbersAreShownRounded() {
      Lead l = lead("c").number("company_size", 12.3456).build();
      assertEquals("12.35", display(l, "company_size"));
      assertEquals("0", display(lead("d").number("company_size", -0.0001).build(), "company_size"));
    }
  }

  // ==================================================================== the buffer

  @Nested
  class Buffer {
    final FittedSchema s = fit(
        new NumericFeature(info("size", FIRMO), "size", true, 0, 1000, Imputation.constant(5), true, List.of()),
        CategoricalFeature.learned(info("industry", FIRMO), "industry", 1, List.of()),
        EventCountFeature.of(info("visits", BEHAV), "visit", 30),
        new RecencyFeature(info("recency", BEHAV), List.of("visit"), 60, true),
        new TitleSeniorityFeature(info("seniority", FIRMO), "title", List.of()),
        new InteractionFeature(info("size_x_visits", BEHAV), "size", "visits"));

    @Test
    void writesExactlyWidthEntries() {
      assertEquals(s.columns().size(), s.width());
      Lead l = lead("a").number("size", 20).text("title", "Director of IT").event("visit", daysAgo(1)).build();
      double[] out = new double[s.width() + 5];
      Arrays.fill(out, Double.NaN);
      s.extract(l, AS_OF, out);
      for (int i = 0; i < s.width(); i++) {
        assertTrue(Double.isFinite(out[i]), "column " + i + " was not written: " + out[i]);
      }
      for (int i = s.width(); i < out.length; i++) {
        assertTrue(Double.isNaN(out[i]), "entry " + i + " beyond width was touched: " + out[i]);
      }
      assertArrayEquals(s.extract(l, AS_OF), Arrays.copyOf(out, s.width()));
    }

    @Test
    void aReusedBufferCarriesNothingOver() {
      Lead busy = lead("a").number("size", 20).text("industry", "x").event("visit", daysAgo(1), 7).build();
      Lead quiet = lead("b").build();
      double[] out = new double[s.width()];
      s.extract(busy, AS_OF, out);
      s.extract(quiet, AS_OF, out);
      assertArrayEquals(s.extract(quiet, AS_OF), out);
    }

    @Test
    void aShortBufferIsRefused() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s.extract(lead("a").build(), AS_OF, new double[s.width() - 1]));
      assertTrue(e.getMessage().contains(Integer.toString(s.width())), e.getMessage());
    }

    @Test
    void anExplicitAbsentValueIsAbsent() {
      assertArrayEquals(x(s, lead("a").build()), x(s, lead("a").attribute("size", AttributeValue.ABSENT).absent("title").build()));
    }

    @Test
    void eventsMayBeBuiltElsewhere() {
      Lead l = lead("a").event(new ActivityEvent("visit", daysAgo(2), 3)).build();
      assertEquals(3.0, x(s, l)[s.columnIndex("visits")]);
    }
  }
}
